// Preloaded (`node -r`) into every benchmark child: when the orchestrator's IPC channel closes (it exited or was
// killed), the child ends too, so no server or load generator outlives a benchmark run.
if (process.channel) {
  process.channel.unref();
  process.on('disconnect', () => {
    process.kill(process.pid, 'SIGTERM');
    setTimeout(() => process.exit(1), 5000).unref();
  });
}
