"use strict";
function wifi({ ssid, password, security = "WPA", hidden = false }) {
  const esc = (s) => String(s).replace(/([\\;,:"])/g, "\\$1");
  return `WIFI:T:${security};S:${esc(ssid)};P:${esc(password)};H:${hidden ? "true" : "false"};;`;
}
function vcard({ name, phone, email }) {
  return ["BEGIN:VCARD", "VERSION:3.0", `FN:${name}`, phone && `TEL:${phone}`, email && `EMAIL:${email}`, "END:VCARD"].filter(Boolean).join("\n");
}
module.exports = { wifi, vcard };
