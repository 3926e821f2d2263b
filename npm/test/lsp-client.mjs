// A minimal Language Server Protocol client for the tests: starts a server process, frames JSON-RPC messages
// with Content-Length headers, matches responses to requests, answers the server's requests with null, and
// lets a test wait for a notification that satisfies a predicate.
import { spawn } from 'node:child_process';

export class LspClient {
  constructor(command, args, options = {}) {
    this.process = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], ...options });
    this.buffer = Buffer.alloc(0);
    this.nextId = 1;
    this.pending = new Map();
    this.notifications = [];
    this.waiters = [];
    this.stderr = '';
    this.process.stderr.on('data', (chunk) => { this.stderr += chunk; });
    this.process.stdout.on('data', (chunk) => this.receive(chunk));
  }

  receive(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(message);
    }
  }

  dispatch(message) {
    if (message.id !== undefined && message.method === undefined) {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) pending.reject(new Error(message.error.message));
      else pending.resolve(message.result);
    } else if (message.id !== undefined) {
      this.send({ jsonrpc: '2.0', id: message.id, result: null }); // e.g. window/workDoneProgress/create
    } else {
      this.notifications.push(message);
      this.waiters = this.waiters.filter((waiter) => !waiter(message));
    }
  }

  send(message) {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.process.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.process.stdin.write(body);
  }

  request(method, params) {
    const id = this.nextId++;
    this.send({ jsonrpc: '2.0', id, method, params });
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  notify(method, params) {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** The next notification (from now on) for which `predicate(message)` is true. */
  waitFor(predicate, what, timeoutMs = 30000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; stderr: ${this.stderr}`)), timeoutMs);
      this.waiters.push((message) => {
        if (!predicate(message)) return false;
        clearTimeout(timer);
        resolve(message);
        return true;
      });
    });
  }

  /** The next diagnostics published for `uri` that satisfy `predicate(diagnostics)`. */
  diagnostics(uri, predicate, what) {
    return this.waitFor(
      (m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && predicate(m.params.diagnostics),
      what,
    ).then((m) => m.params.diagnostics);
  }

  async stop() {
    await this.request('shutdown', null);
    this.notify('exit', null);
    await new Promise((resolve) => this.process.once('exit', resolve));
  }
}
