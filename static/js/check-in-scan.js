// The check-in page's camera: read the QR code on a delegate's badge and post it through the
// page's own form (CSRF token and all), exactly as if the code had been typed. The server
// checks the code; nothing is decided here.
//
// Decoding uses the browser's BarcodeDetector where it reads QR codes (Android, ChromeOS,
// macOS), and the bundled jsQR (static/vendor/jsqr/) everywhere else, loaded only then.
// Without a camera (or without permission to use it) the button stays hidden or says so, and
// the typed code and the name search work as before.
"use strict";

(() => {
  const section = document.querySelector(".check-in-scan");
  if (!section) return;
  const media = navigator.mediaDevices;
  if (!media || !media.getUserMedia) return;

  const form = section.querySelector(".check-in-code");
  const startButton = section.querySelector(".check-in-camera");
  const stopButton = section.querySelector(".check-in-camera-stop");
  const viewfinder = section.querySelector(".check-in-viewfinder");
  const video = viewfinder.querySelector("video");
  const status = section.querySelector(".check-in-scan-status");
  // Frames are read a few times a second: enough at a door, and easy on a phone's battery.
  const INTERVAL_MS = 150;
  // jsQR reads a downscaled frame: quicker, and a badge held up fills much of the picture.
  const MAX_WIDTH = 800;
  // The camera opens again after each check-in while the badge may still be in front of
  // it: the code just sent is not sent again for this long.
  const SAME_CODE_PAUSE_MS = 4000;
  const LAST_KEY = "amf-check-in-last-code";

  let stream = null;
  let timer = null;
  let decoderPromise = null;

  const say = (message) => {
    status.textContent = message || "";
  };

  const loadScript = (src) =>
    new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.addEventListener("load", resolve);
      script.addEventListener("error", reject);
      document.head.append(script);
    });

  const nativeDecoder = async () => {
    if (!("BarcodeDetector" in window)) return null;
    try {
      const formats = await window.BarcodeDetector.getSupportedFormats();
      if (!formats.includes("qr_code")) return null;
      const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      return {
        name: "BarcodeDetector",
        read: async () => {
          const codes = await detector.detect(video);
          return codes.length ? codes[0].rawValue : null;
        },
      };
    } catch {
      return null;
    }
  };

  const bundledDecoder = async () => {
    if (!window.jsQR) await loadScript(section.dataset.decoder);
    const canvas = document.createElement("canvas");
    const context = canvas.getContext("2d", { willReadFrequently: true });
    return {
      name: "jsQR",
      read: async () => {
        const scale = Math.min(1, MAX_WIDTH / video.videoWidth);
        const width = Math.round(video.videoWidth * scale);
        const height = Math.round(video.videoHeight * scale);
        if (!width || !height) return null;
        canvas.width = width;
        canvas.height = height;
        context.drawImage(video, 0, 0, width, height);
        const image = context.getImageData(0, 0, width, height);
        const code = window.jsQR(image.data, width, height, { inversionAttempts: "dontInvert" });
        return code && code.data ? code.data : null;
      },
    };
  };

  const decoder = () => {
    decoderPromise ||= nativeDecoder().then((found) => found || bundledDecoder());
    return decoderPromise;
  };

  const stop = () => {
    clearTimeout(timer);
    timer = null;
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
    video.srcObject = null;
    viewfinder.hidden = true;
    startButton.hidden = false;
  };

  const lastSent = () => {
    try {
      return JSON.parse(sessionStorage.getItem(LAST_KEY)) || {};
    } catch {
      return {};
    }
  };

  const justSent = (code) => {
    const last = lastSent();
    return last.code === code && Date.now() - last.at < SAME_CODE_PAUSE_MS;
  };

  const submit = (code) => {
    stop();
    try {
      sessionStorage.setItem(LAST_KEY, JSON.stringify({ code, at: Date.now() }));
    } catch {
      // Private browsing may refuse storage; the pause is a convenience.
    }
    say(section.dataset.read);
    form.elements.code.value = code;
    form.elements.scan.value = "1";
    startButton.disabled = true;
    form.submit();
  };

  const scan = async (read) => {
    if (!stream) return;
    let code = null;
    try {
      if (video.readyState >= video.HAVE_CURRENT_DATA) code = await read();
    } catch {
      code = null;
    }
    code = code ? code.trim() : "";
    if (code && !justSent(code)) submit(code);
    else if (stream) timer = setTimeout(() => scan(read), INTERVAL_MS);
  };

  const start = async () => {
    startButton.hidden = true;
    say(section.dataset.opening);
    try {
      const found = await decoder();
      stream = await media.getUserMedia({ video: { facingMode: "environment" }, audio: false });
      section.dataset.decoderUsed = found.name;
      video.srcObject = stream;
      viewfinder.hidden = false;
      await video.play();
      say(section.dataset.looking);
      scan(found.read);
    } catch {
      stop();
      say(section.dataset.noCamera);
    }
  };

  startButton.hidden = false;
  startButton.addEventListener("click", start);
  stopButton.addEventListener("click", () => {
    stop();
    say("");
  });
  // A phone put away or a tab switched: let go of the camera.
  window.addEventListener("pagehide", stop);
  // After a scanned check-in the page comes back with scan=1: go on with the next badge.
  if (section.dataset.resume) start();
})();
