import type { PhoneStrings } from './types';

/** Simplified (mainland China, Singapore). "屏幕墙", screen wall: 墙 alone reads as a firewall. */
export const zhHans: PhoneStrings = {
  lang: 'zh-Hans',
  status: {
    connecting: '连接中…',
    live: '已连接',
    reconnecting: '重新连接中…',
    waiting: '排队中',
    refused: '未连接',
  },
  refused: (detail) => `屏幕墙拒绝了这部手机${detail ? `（${detail}）` : ''}。请刷新页面重试。`,
  kicked: '操作员已将你的旗帜从屏幕墙上移除。',
  banned: (minutes) =>
    minutes === null
      ? '操作员已将这部手机从屏幕墙上移除，直到演出结束。感谢你的理解。'
      : `操作员已暂时将这部手机从屏幕墙上移除。大约 ${minutes} 分钟后可以重新加入。`,
  idle: '你的旗帜太久没有移动，它的位置已让给正在等待的人。点击“重新加入”继续。',
  rejoin: '重新加入',
  outdated: '此页面已过期。请刷新后加入屏幕墙。',
  lostForAMoment: '与屏幕墙的连接暂时中断，正在重试…',
  rateLimited: (seconds) =>
    seconds === null
      ? '这部手机在短时间内发送了太多操作，屏幕墙让它暂停一下。稍后会自动重新加入。感谢你的耐心等待。'
      : `这部手机在短时间内发送了太多操作，屏幕墙让它暂停一下。大约 ${seconds} 秒后会自动重新加入。感谢你的耐心等待。`,
  full: (position) =>
    position > 0
      ? `屏幕墙已满。你排在第 ${position} 位。请保持此页面打开，轮到你时会自动加入。`
      : '屏幕墙已满。请保持此页面打开，轮到你时会自动加入。',
  flagsOnWall: (n) => `屏幕墙上有 ${n} 面旗帜`,
  tagline: '在屏幕墙上飘扬',
  youOnWall: '你在屏幕墙上的位置',
  hintDrag: '*拖动*即可移动你的旗帜',
  hintTap: '*轻点*即可发送涟漪',
  padLabel: '屏幕墙触控板：拖动移动旗帜，轻点发送涟漪',
  change: '更换',
  changeLabel: '更换你的旗帜',
  findMe: '找到我',
  findMeLabel: '找到我：让我的旗帜在屏幕墙上闪烁',
  chooseFlag: '选择你的旗帜',
  done: '完成',
  shortName: '简短名称（可选）',
  setName: '设置',
  search: '搜索国家/地区',
  flagChanged: '你在屏幕墙上的旗帜已更换',
  pulsing: '请看屏幕墙：你的旗帜正在闪烁',
  notConnected: '目前未连接到屏幕墙',
  nameShown: (name) => `你的旗帜显示“${name}”`,
  nameRemoved: '名称已移除',
};

/** Traditional (Taiwan, Hong Kong, Macau). */
export const zhHant: PhoneStrings = {
  lang: 'zh-Hant',
  status: {
    connecting: '連線中…',
    live: '已連線',
    reconnecting: '重新連線中…',
    waiting: '排隊中',
    refused: '未連線',
  },
  refused: (detail) =>
    `螢幕牆拒絕了這支手機${detail ? `（${detail}）` : ''}。請重新整理頁面再試一次。`,
  kicked: '操作員已將你的旗幟從螢幕牆上移除。',
  banned: (minutes) =>
    minutes === null
      ? '操作員已將這支手機從螢幕牆上移除，直到演出結束。感謝你的理解。'
      : `操作員已暫時將這支手機從螢幕牆上移除。大約 ${minutes} 分鐘後可以重新加入。`,
  idle: '你的旗幟太久沒有移動，它的位置已讓給正在等待的人。點擊「重新加入」繼續。',
  rejoin: '重新加入',
  outdated: '此頁面已過期。請重新整理後加入螢幕牆。',
  lostForAMoment: '與螢幕牆的連線暫時中斷，正在重試…',
  rateLimited: (seconds) =>
    seconds === null
      ? '這支手機在短時間內送出了太多操作，螢幕牆讓它暫停一下。稍後會自動重新加入。感謝你的耐心等待。'
      : `這支手機在短時間內送出了太多操作，螢幕牆讓它暫停一下。大約 ${seconds} 秒後會自動重新加入。感謝你的耐心等待。`,
  full: (position) =>
    position > 0
      ? `螢幕牆已滿。你排在第 ${position} 位。請保持此頁面開啟，輪到你時會自動加入。`
      : '螢幕牆已滿。請保持此頁面開啟，輪到你時會自動加入。',
  flagsOnWall: (n) => `螢幕牆上有 ${n} 面旗幟`,
  tagline: '在螢幕牆上飄揚',
  youOnWall: '你在螢幕牆上的位置',
  hintDrag: '*拖曳*即可移動你的旗幟',
  hintTap: '*輕觸*即可發送漣漪',
  padLabel: '螢幕牆觸控板：拖曳移動旗幟，輕觸發送漣漪',
  change: '更換',
  changeLabel: '更換你的旗幟',
  findMe: '找到我',
  findMeLabel: '找到我：讓我的旗幟在螢幕牆上閃爍',
  chooseFlag: '選擇你的旗幟',
  done: '完成',
  shortName: '簡短名稱（選填）',
  setName: '設定',
  search: '搜尋國家/地區',
  flagChanged: '你在螢幕牆上的旗幟已更換',
  pulsing: '請看螢幕牆：你的旗幟正在閃爍',
  notConnected: '目前未連線到螢幕牆',
  nameShown: (name) => `你的旗幟顯示「${name}」`,
  nameRemoved: '名稱已移除',
};
