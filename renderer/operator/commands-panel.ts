/** Show commands: identify, reload, pause, blackout, message banner, clear ripples. */
import type { OperatorStateMsg } from '../../shared/protocol/hub-messages';
import type { OperatorCommand } from '../../shared/protocol/messages';
import type { Activity } from './commands';
import { armOnClick } from './confirm';
import { byId } from './dom';

type Run = (label: string, command: OperatorCommand) => Activity;

export function wireCommands(run: Run, state: () => OperatorStateMsg | null): void {
  byId('cmd-identify').addEventListener('click', () =>
    run('Identify screens', { cmd: 'identify' }),
  );
  armOnClick(
    byId<HTMLButtonElement>('cmd-reload'),
    () => 'Confirm: reload every screen?',
    () => run('Reload screens', { cmd: 'reload' }),
  );
  byId('cmd-pause').addEventListener('click', () => {
    const on = !state()?.show.paused;
    run(on ? 'Pause' : 'Resume', { cmd: 'pause', on });
  });
  armOnClick(
    byId<HTMLButtonElement>('cmd-blackout'),
    // Going dark asks first; lifting a blackout never waits.
    () => (state()?.show.blackout ? null : 'Confirm: black out the wall?'),
    () => {
      const on = !state()?.show.blackout;
      run(on ? 'Blackout' : 'Lift blackout', { cmd: 'blackout', on });
    },
  );
  byId('cmd-clear').addEventListener('click', () => run('Clear ripples', { cmd: 'clear-ripples' }));
  const text = byId<HTMLInputElement>('message-input');
  byId('message-form').addEventListener('submit', (e) => {
    e.preventDefault();
    run('Show message', { cmd: 'message', text: text.value.trim() });
  });
  byId('message-clear').addEventListener('click', () => {
    text.value = '';
    run('Remove message', { cmd: 'message', text: '' });
  });
}
