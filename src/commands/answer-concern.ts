import { listConcerns } from '../deliver/concern-names.js';
import { errorMessage, type Message } from '../chat/message.js';
import { usageOf } from './command-usage.js';

/** Returns the reply to `concern [id]`: all concern ids with names, or one concern described. */
export function answerConcern(args: string): Message {
  const id = args.trim().toLowerCase();
  const concerns = listConcerns();
  if (id === '') {
    return {
      kind: 'reply',
      summary: `${concerns.length} concerns`,
      blocks: [
        { type: 'heading', text: 'Concerns' },
        { type: 'list', items: concerns.map((c) => [{ text: c.id, code: true }, { text: ` — ${c.name}` }]) },
      ],
      ephemeral: true,
    };
  }
  const concern = concerns.find((c) => c.id === id);
  if (!concern) {
    const near = concerns.filter((c) => c.id.includes(id) || id.includes(c.id.split('-')[0]!)).map((c) => c.id);
    return errorMessage(`"${id}" is not a concern id.${near.length > 0 ? ` Did you mean ${near.join(', ')}?` : ' "concern" lists them.'}`, usageOf('concern'));
  }
  const blocks: Message['blocks'] = [{ type: 'heading', text: `${concern.name} (${concern.id})` }];
  if (concern.description) blocks.push({ type: 'paragraph', spans: [{ text: concern.description }] });
  return { kind: 'reply', summary: concern.name, blocks, ephemeral: true };
}
