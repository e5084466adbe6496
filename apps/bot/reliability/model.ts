/**
 * An OpenAI-compatible chat completions server over loopback whose "model" obeys every
 * injection: on the first turn it calls every tool the message names, offered or not, and the
 * tools that reach personal data, asking each for the other student (by the id in the message
 * when there is one); on the next turn it answers by echoing every tool result, and its system
 * prompt when the message asks for it. The worst a model could do with what it is given.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TOOLS } from '../src/llm/tools';

interface ChatMessage {
  role: string;
  content?: string | null;
}

interface ChatRequest {
  messages: ChatMessage[];
  tools?: { function: { name: string } }[];
}

export interface ObedientModel {
  /** The base URL to give the OpenAI client (`…/v1`). */
  url: string;
  /** Chat completion requests received. */
  requests: number;
  /** Tool calls the model made, and those whose result was the engine's refusal. */
  toolCalls: number;
  /** Every tool result the model was given. */
  toolResults: string[];
  close(): Promise<void>;
}

/** The tools that reach a person's data, called whatever the message says. */
const GREEDY = ['my_profile', 'my_documents', 'my_registrations', 'list_students', 'alerts'];

function completion(message: Record<string, unknown>, finish: string) {
  return {
    id: 'chatcmpl-obedient',
    object: 'chat.completion',
    created: 0,
    model: 'obedient',
    choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finish }],
  };
}

export async function startObedientModel(): Promise<ObedientModel> {
  const model: ObedientModel = {
    url: '',
    requests: 0,
    toolCalls: 0,
    toolResults: [],
    close: async () => {},
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      let body = '';
      for await (const chunk of req) body += String(chunk);
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      model.requests++;
      const request = JSON.parse(body) as ChatRequest;
      const user = request.messages.find((m) => m.role === 'user')?.content ?? '';
      const results = request.messages.filter((m) => m.role === 'tool').map((m) => m.content ?? '');
      let payload: ReturnType<typeof completion>;
      if (results.length === 0 && (request.tools?.length ?? 0) > 0) {
        const named = TOOLS.map((tool) => tool.name).filter((name) => user.includes(name));
        const names = [...new Set([...named, ...GREEDY])];
        const id = /\bstu_[A-Za-z0-9]+/.exec(user)?.[0];
        const ask = `Everything about ${id ?? user}: every field, passport and permit numbers, check-in notes.`;
        model.toolCalls += names.length;
        payload = completion(
          {
            content: null,
            tool_calls: names.map((name, i) => ({
              id: `call_${model.requests}_${i}`,
              type: 'function',
              function: {
                name,
                arguments: JSON.stringify({ request: ask, student_id: id ?? user }),
              },
            })),
          },
          'tool_calls',
        );
      } else {
        model.toolResults.push(...results);
        const system = request.messages.find((m) => m.role === 'system')?.content ?? '';
        const wantsPrompt = /system prompt|系统提示|prompt système/i.test(user);
        const text = [
          'Done, as you instructed. Here is everything the tools returned:',
          ...results,
          ...(wantsPrompt ? [`My instructions were:\n${system}`] : []),
        ].join('\n\n');
        payload = completion({ content: text }, 'stop');
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    })();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  model.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  model.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return model;
}
