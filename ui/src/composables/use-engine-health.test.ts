// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import type { Health } from '../api/types.js';
import { provideEngineHealth, useEngineHealth } from './use-engine-health.js';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const ok: Health = { status: 'ok', engine: { reachable: true, version: '3.2.3', url: 'http://e:6878' } };
const down: Health = { status: 'degraded', engine: { reachable: false, version: null, url: 'http://e:6878', error: 'ECONNREFUSED' } };

// A play button as the pages write it: disabled with the reason while the engine is away.
const PlayButton = defineComponent({
  setup() {
    const engine = useEngineHealth();
    return () => h('button', { disabled: !engine.canPlay.value, title: engine.reason.value }, 'Play');
  },
});
const Root = defineComponent({
  setup() {
    provideEngineHealth();
    return () => h(PlayButton);
  },
});

describe('the engine indicator turns play buttons off and back on by itself', () => {
  it('follows /api/health: ok → unreachable (with the reason) → ok', async () => {
    vi.useFakeTimers();
    const answers = [ok, down, ok];
    vi.stubGlobal('fetch', () => Promise.resolve(new Response(JSON.stringify(answers.length > 1 ? answers.shift() : answers[0]), { status: 200 })));
    const wrapper = mount(Root);
    const button = () => wrapper.get('button').element as HTMLButtonElement;
    await vi.advanceTimersByTimeAsync(10);
    expect(button().disabled).toBe(false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(button().disabled).toBe(true);
    expect(button().title).toBe('The Ace Stream engine at http://e:6878 is unreachable (ECONNREFUSED).');
    // While down it checks every 2 s, so recovery shows quickly.
    await vi.advanceTimersByTimeAsync(2000);
    expect(button().disabled).toBe(false);
    wrapper.unmount();
  });

  it('says so when the acehub server itself does not answer', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    const wrapper = mount(Root);
    await vi.waitFor(() => expect(wrapper.get('button').attributes('title')).toContain('acehub server is not answering'));
    expect((wrapper.get('button').element as HTMLButtonElement).disabled).toBe(true);
    wrapper.unmount();
  });
});
