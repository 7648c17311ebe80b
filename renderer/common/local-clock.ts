/**
 * The page's local clock in ms: performance.timeOrigin + performance.now() (monotonic, unlike
 * Date.now()), as a function of a performance.now() reading, so that one reading can both date a
 * frame (window.flagwall.frameAt) and give its scene time. Test-only: `?clockSkewMs=N&
 * clockDriftPpm=P` on the page URL deliberately puts this clock off by N ms and makes it run P
 * parts per million fast, to prove the hub clock corrects it.
 */
export function localClockAt(
  params: URLSearchParams = new URLSearchParams(location.search),
): (perfNow: number) => number {
  const skew = Number(params.get('clockSkewMs') ?? 0) || 0;
  const ppm = Number(params.get('clockDriftPpm') ?? 0) || 0;
  const origin = performance.timeOrigin;
  if (skew === 0 && ppm === 0) return (perfNow) => origin + perfNow;
  return (perfNow) => origin + skew + perfNow * (1 + ppm / 1e6);
}
