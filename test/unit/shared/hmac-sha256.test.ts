import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSha256, sha256, toHex, utf8 } from '../../../shared/crypto/hmac-sha256';
import { hubProof, sameProof, screenProof } from '../../../shared/crypto/pairing-proof';

describe('pure SHA-256 / HMAC-SHA256 (the screen page has no crypto.subtle on plain http)', () => {
  it('equals node:crypto for every length around the block boundaries', () => {
    for (let len = 0; len <= 200; len++) {
      const data = randomBytes(len);
      expect(toHex(sha256(data)), `length ${len}`).toBe(
        createHash('sha256').update(data).digest('hex'),
      );
    }
  });

  it('HMAC equals node:crypto for short, block-sized and long keys', () => {
    for (const keyLen of [0, 1, 16, 32, 63, 64, 65, 100, 200]) {
      for (const msgLen of [0, 5, 55, 56, 64, 119, 300]) {
        const key = randomBytes(keyLen);
        const msg = randomBytes(msgLen);
        expect(toHex(hmacSha256(key, msg))).toBe(
          createHmac('sha256', key).update(msg).digest('hex'),
        );
      }
    }
  });

  it('UTF-8 encodes like Node (ASCII, accents, CJK, astral)', () => {
    for (const s of ['', 'hub|abc', 'écran', '画面', '🏳️‍🌈 x']) {
      expect(Buffer.from(utf8(s)).equals(Buffer.from(s, 'utf8'))).toBe(true);
    }
  });

  it('the two proofs differ by side and by every input, and match node:crypto', () => {
    const p = {
      credential: 'c'.repeat(43),
      screenId: 'screen-id-1',
      screenNonce: 'n'.repeat(24),
      hubNonce: 'h'.repeat(22),
      hubId: 'hub-1',
    };
    const hub = hubProof(p);
    expect(hub).toBe(
      createHmac('sha256', p.credential)
        .update(`hub|${p.screenId}|${p.screenNonce}|${p.hubNonce}|${p.hubId}`)
        .digest('hex'),
    );
    expect(screenProof(p)).not.toBe(hub);
    expect(hubProof({ ...p, hubId: 'hub-2' })).not.toBe(hub);
    expect(hubProof({ ...p, hubNonce: 'x'.repeat(22) })).not.toBe(hub);
    expect(sameProof(hub, hub)).toBe(true);
    expect(
      sameProof(
        hub,
        hub.replace(/.$/, (c) => (c === '0' ? '1' : '0')),
      ),
    ).toBe(false);
    expect(sameProof(hub, hub.slice(1))).toBe(false);
  });
});
