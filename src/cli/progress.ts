/**
 * Progress of a long cycle on the terminal: a redrawn bar when the output is a TTY, and a plain line per
 * quarter otherwise (so logs and CI output stay readable).
 */
export function progressReporter(stream: NodeJS.WriteStream, label: string) {
  let lastQuarter = 0;
  const tty = stream.isTTY === true;
  return {
    update(done: number, total: number): void {
      if (total === 0) return;
      if (tty) {
        const width = 30;
        const filled = Math.round((done / total) * width);
        stream.write(
          `\r${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} changes`,
        );
        if (done === total) stream.write("\n");
        return;
      }
      const quarter = Math.floor((done / total) * 4);
      if (quarter > lastQuarter) {
        lastQuarter = quarter;
        stream.write(`${label}: ${done}/${total} changes applied\n`);
      }
    },
  };
}
