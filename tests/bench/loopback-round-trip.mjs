// What one loopback round trip costs a Node process on this machine (README, Figures, "Why one machine
// cannot show a cluster scaling"): two processes bounce one byte over TCP on 127.0.0.1 5,000 times, and
// the parent prints its own CPU per round trip (one read, one write, one wake-up). Run:
//   node tests/bench/loopback-round-trip.mjs
import net from "node:net";
import { fork } from "node:child_process";

const ROUND_TRIPS = 5000;

if (process.argv[2] === "child") {
  const socket = net.connect(Number(process.argv[3]), "127.0.0.1");
  socket.setNoDelay(true);
  socket.on("data", (data) => socket.write(data));
} else {
  let child;
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    const cpuBefore = process.cpuUsage();
    const startedAt = Date.now();
    let count = 0;
    socket.on("data", () => {
      if (++count < ROUND_TRIPS) return void socket.write("x");
      const cpu = process.cpuUsage(cpuBefore);
      console.log(`${ROUND_TRIPS} round trips: ${(((Date.now() - startedAt) / ROUND_TRIPS) * 1000).toFixed(0)} µs wall, ${((cpu.user + cpu.system) / ROUND_TRIPS).toFixed(1)} µs CPU of this process per round trip`);
      socket.destroy();
      server.close();
      child.kill();
    });
    socket.write("x");
  });
  server.listen(0, "127.0.0.1", () => {
    child = fork(process.argv[1], ["child", String(server.address().port)]);
  });
}
