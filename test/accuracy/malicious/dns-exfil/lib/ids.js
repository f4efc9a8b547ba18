"use strict";
const crypto = require("crypto");

const ENCODING = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const ALPHABET = "useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict";

function uuidv7() {
  const b = crypto.randomBytes(16);
  const ts = BigInt(Date.now());
  for (let i = 0; i < 6; i++) b[i] = Number((ts >> BigInt(8 * (5 - i))) & 0xffn);
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function ulid() {
  let t = Date.now();
  let time = "";
  for (let i = 0; i < 10; i++) {
    time = ENCODING[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const rand = [...crypto.randomBytes(16)].map((x) => ENCODING[x % 32]).join("");
  return time + rand;
}

function nanoid(size = 21) {
  return [...crypto.randomBytes(size)].map((x) => ALPHABET[x & 63]).join("");
}

module.exports = { uuidv7, ulid, nanoid };
