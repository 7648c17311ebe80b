/** Zero-config discovery of flagwall hubs over mDNS (DNS-SD `_flagwall._tcp`). docs/discovery.md */
export { publishWall, type PublishedWall, type PublishOptions } from './publish';
export { WallBrowser, type WallBrowserOptions } from './browse';
export { chooseWall, type WallChoice } from './choose-wall';
export { findHub, findHubUrl, HubNotFoundError, type FindHubOptions } from './find-hub';
export {
  SERVICE_TYPE,
  parseAnnouncement,
  wallTxt,
  instanceName,
  type WallAnnouncement,
  type WallTxt,
} from './wall-record';
