/**
 * The phone page: the whole screen is a touch pad for the wall. Kept tiny (no three.js, no zod:
 * protocol types are imported as types only); see docs/renderer.md for its size.
 */
import { FlagPicker } from './flag-picker';
import { browserLanguages, phoneStrings } from './i18n';
import { PhoneApp } from './phone-app';
import { PhoneView } from './phone-view';

const strings = phoneStrings(browserLanguages());
const app = new PhoneApp(document.getElementById('pad')!, new PhoneView(strings));
(window as unknown as { flagwallPhone: PhoneApp }).flagwallPhone = app;
const picker = new FlagPicker(
  document.getElementById('controls')!,
  {
    get flag() {
      return app.debug.flag;
    },
    setFlag: (code) => app.setFlag(code),
    setName: (name) => app.setName(name),
    locate: () => app.locate(),
  },
  strings,
);
app.onFlagChange = () => picker.showCurrent();
app.start();
