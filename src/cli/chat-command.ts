import type { CommandContext } from '../chat/chat-adapter.js';
import { renderPlainText } from '../chat/render-text.js';
import { createCommandHandler } from '../commands/create-command-handler.js';
import { loadSourceConfigs } from '../poll/source-list.js';
import { syncConfiguredSources } from '../store/sources-store.js';
import { openCliContext, parseFlags, type CliCommand } from './cli-io.js';

/** Who asks from the command line: no channel of its own, so no subscription is read or changed. */
const CLI_CONTEXT: CommandContext = { adapter: 'cli', channel: 'cli', userId: 'cli', isAdmin: false };

/**
 * Returns a subcommand that gives the same answer as the chat command of that name (`status`,
 * `session`, `concern`): its words are the chat command's arguments. Exits 1 when the answer is an error.
 */
export function chatCommand(name: string): CliCommand {
  return async (args, io) => {
    const { positional } = parseFlags(args);
    const { config, log, knowledge, db } = openCliContext(io);
    try {
      // The answer covers the configured sources even before the bot first ran (like `sources`).
      const { configs, origin } = loadSourceConfigs(config.sourcesFile);
      syncConfiguredSources(db, configs, origin, Date.now());
      const handle = createCommandHandler({ db, knowledge, log, publicUrl: config.publicUrl });
      const reply = await handle([name, ...positional].join(' '), CLI_CONTEXT);
      const text = renderPlainText(reply) + '\n';
      if (reply.kind === 'error') io.stderr(text);
      else io.stdout(text);
      return reply.kind === 'error' ? 1 : 0;
    } finally {
      db.close();
    }
  };
}
