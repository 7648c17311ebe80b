/**
 * GLSL for the flag layer. One instanced draw: every instance is a pole, a soft shadow and a
 * cloth (geometry `position` = (u, v, part)). The cloth waves with integer harmonics of the shared
 * phase only (shared/scene/evaluate.ts wavePhase), so the wrap from 1 to 0 is seamless and every
 * screen draws the same fold at the same hub time; the pole edge (u = 0) never moves.
 */
export const FLAG_VERTEX = /* glsl */ `
uniform float uPhase;
uniform float uWidth;
attribute vec3 iOffset;   // world x, world y, scale (1 = normal; the operator may pulse it)
attribute vec4 iTile;     // atlas u0, v0, du, dv
attribute vec2 iMeta;     // dozing (0/1), per-flag phase seed in [0, 1)
attribute vec2 iBump;     // ripple passing: lift (world units), glow
varying vec2 vUv;
varying vec2 vLocal;
varying float vShade;
varying float vDoze;
varying float vPart;

const float TAU = 6.28318530718;

void main() {
  float w = uWidth * iOffset.z;
  float h = w * 0.75;
  vec2 uv = position.xy;
  float part = position.z;
  float amp = mix(1.0, 0.3, iMeta.x);
  float ph = TAU * (uPhase + iMeta.y);
  vec3 p;
  float shade = 1.0;
  if (part < 0.5) {
    float a1 = ph - uv.x * 4.5;
    float a2 = 2.0 * ph - uv.x * 8.0 + 1.7;
    float wave = 0.7 * sin(a1) + 0.3 * sin(a2);
    float slope = 0.7 * cos(a1) + 0.3 * cos(a2);
    float k = uv.x;
    float x = -0.5 * w + uv.x * w * (1.0 - 0.05 * amp * k * (1.0 + sin(a1 + 0.8)));
    float y = -0.5 * h + uv.y * h + amp * k * h * 0.11 * wave - amp * k * k * h * 0.05;
    p = vec3(x, y, 0.0);
    shade = 1.0 + 0.28 * amp * k * slope;
  } else if (part < 1.5) {
    float pw = w * 0.04;
    p = vec3(-0.5 * w - pw + uv.x * pw, -0.5 * h - 0.9 * h + uv.y * 1.98 * h, 0.0);
  } else {
    p = vec3(-0.5 * w + (uv.x * 1.2 - 0.05) * w + 0.04 * w, -0.5 * h + (uv.y * 1.3 - 0.2) * h - 0.1 * h, 0.0);
  }
  p.y += iBump.x;
  shade *= 1.0 + 0.35 * iBump.y;
  vUv = iTile.xy + uv * iTile.zw;
  vLocal = uv;
  vShade = shade;
  vDoze = iMeta.x;
  vPart = part;
  gl_Position = projectionMatrix * modelViewMatrix * vec4(p + vec3(iOffset.xy, 0.0), 1.0);
}
`;

export const FLAG_FRAGMENT = /* glsl */ `
uniform sampler2D uAtlas;
varying vec2 vUv;
varying vec2 vLocal;
varying float vShade;
varying float vDoze;
varying float vPart;

void main() {
  vec3 rgb;
  float alpha = 1.0;
  if (vPart < 0.5) {
    rgb = texture2D(uAtlas, vUv).rgb * vShade;
    // a thin darker hem so light flags stand out on light ripples
    float edge = min(min(vLocal.x, 1.0 - vLocal.x), min(vLocal.y, 1.0 - vLocal.y));
    rgb *= mix(0.75, 1.0, smoothstep(0.0, 0.04, edge));
  } else if (vPart < 1.5) {
    float c = sin(vLocal.x * 3.14159);
    rgb = vec3(0.55, 0.57, 0.62) * (0.55 + 0.6 * c);
    if (vLocal.y > 0.985) rgb = vec3(0.95, 0.8, 0.35);
  } else {
    vec2 d = abs(vLocal - 0.5) * 2.0;
    float m = max(d.x, d.y);
    rgb = vec3(0.0);
    alpha = 0.32 * (1.0 - smoothstep(0.55, 1.0, m));
  }
  if (vDoze > 0.5) {
    float grey = dot(rgb, vec3(0.299, 0.587, 0.114));
    rgb = vec3(grey) * 0.7;
    alpha *= 0.55;
  }
  gl_FragColor = vec4(rgb, alpha);
}
`;
