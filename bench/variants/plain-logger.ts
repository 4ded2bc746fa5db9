/**
 * Bench variant only: what src/log.ts needs of Powertools' Logger (one JSON line per event, same
 * keys), swapped in at build time to measure what loading Powertools costs a cold start.
 */
export class Logger {
  constructor(private readonly options: { serviceName: string }) {}
  info(message: string, fields: object): void {
    this.write('INFO', message, fields);
  }
  warn(message: string, fields: object): void {
    this.write('WARN', message, fields);
  }
  error(message: string, fields: object): void {
    this.write('ERROR', message, fields);
  }
  private write(level: string, message: string, fields: object): void {
    process.stdout.write(`${JSON.stringify({ level, message, timestamp: new Date().toISOString(), service: this.options.serviceName, ...fields })}\n`);
  }
}
