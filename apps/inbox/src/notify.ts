// Getting the operator's attention while the inbox tab is in the background.
let audio: AudioContext | null = null;

/** Prepares sound and asks for notification permission; call from a user gesture (signing in). */
export function prepareAttention(): void {
  try {
    audio ??= new AudioContext();
  } catch {
    audio = null;
  }
  if ("Notification" in window && Notification.permission === "default") void Notification.requestPermission();
}

/** A short two-note chime made on the spot, so the bundle carries no sound file. */
export function chime(): void {
  if (!audio) return;
  const start = audio.currentTime;
  for (const [offset, frequency] of [[0, 880], [0.14, 1175]] as const) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.25);
    osc.connect(gain).connect(audio.destination);
    osc.start(start + offset);
    osc.stop(start + offset + 0.3);
  }
}

export function desktopNotification(title: string, body: string, tag: string, onClick: () => void): void {
  if (!("Notification" in window) || Notification.permission !== "granted") return;
  const n = new Notification(title, { body, tag });
  n.onclick = () => {
    window.focus();
    onClick();
    n.close();
  };
}
