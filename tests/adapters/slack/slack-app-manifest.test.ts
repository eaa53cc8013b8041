import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const manifest = readFileSync(new URL('../../../slack-app-manifest.yml', import.meta.url), 'utf8');

describe('slack-app-manifest.yml', () => {
  it('declares the slash commands the adapter answers', () => {
    const commands = [...manifest.matchAll(/^\s*- command: (\S+)$/gm)].map((m) => m[1]);
    expect(commands).toEqual(['/article', '/treaty']);
  });

  it('asks for the scopes posting, the resend check and the chart upload and the admin lookup need, and enables Socket Mode', () => {
    const scopes = [...manifest.matchAll(/^\s+- ([a-z]+:?[a-z.]*)$/gm)].map((m) => m[1]);
    expect(scopes).toEqual(['commands', 'chat:write', 'channels:history', 'groups:history', 'files:write', 'users:read']);
    expect(manifest).toMatch(/^\s+socket_mode_enabled: true$/m);
  });
});
