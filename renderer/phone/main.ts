/**
 * The phone page: the whole screen is a touch pad for the wall. Kept tiny (no three.js, no zod:
 * protocol types are imported as types only); see docs/renderer.md for its size.
 */
import { PhoneApp } from './phone-app';
import { PhoneView } from './phone-view';

const app = new PhoneApp(document.getElementById('pad')!, new PhoneView());
(window as unknown as { flagwallPhone: PhoneApp }).flagwallPhone = app;
app.start();
