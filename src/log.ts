import type { Log } from './deps';

/** One JSON line per event on stdout, which Lambda ships to CloudWatch. Metadata only. */
function write(level: string, message: string, fields?: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ level, message, time: new Date().toISOString(), ...fields })}\n`);
}

export const jsonLog: Log = {
  info: (message, fields) => write('INFO', message, fields),
  warn: (message, fields) => write('WARN', message, fields),
  error: (message, fields) => write('ERROR', message, fields),
};
