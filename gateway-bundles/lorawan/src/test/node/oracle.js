#!/usr/bin/env node
// Independent oracle for the Java LoRaWAN parser's tests: runs the npm package lora-packet
// (pinned in package-lock.json) over a whole corpus in one process and prints what it makes of
// each frame. Usage: node oracle.js corpus.jsonl > verdicts.jsonl
//
// Input, one JSON object per line:
//   {"id": 7, "phy": "<hex>", "nwkSKey"?: "<hex>", "appSKey"?: "<hex>", "appKey"?: "<hex>", "fCnt32"?: n}
// Output, one JSON object per input line, same order:
//   {"id": 7, "ok": false, "error": "..."}               lora-packet refused the frame
//   {"id": 7, "ok": true, "mtype": "...", "dir": ..., <fields>, "micOk"?: b, "plain"?: "<hex>"}
// Every lora-packet value is printed as it gives it: Buffers as hex (DevAddr, EUIs, DevNonce,
// FCnt are already reversed to big-endian by lora-packet), numbers as numbers, null as null.
// The oracle decides nothing: the Java test compares.
"use strict";

const fs = require("fs");
const lora = require("lora-packet");

function hex(buffer) {
  return buffer === undefined || buffer === null ? null : Buffer.from(buffer).toString("hex");
}

function key(text) {
  return text ? Buffer.from(text, "hex") : undefined;
}

// The two high bytes of the 32-bit FCnt, in the little-endian order of the B0/A blocks:
// lora-packet appends this buffer right after the 16-bit FCnt it reverses back to wire order.
function fCntMsBytes(fCnt32) {
  const value = fCnt32 || 0;
  return Buffer.from([(value >>> 16) & 0xff, (value >>> 24) & 0xff]);
}

function fields(packet) {
  const out = { mtype: packet.getMType(), dir: packet.getDir() };
  if (packet.isDataMessage()) {
    out.devAddr = hex(packet.DevAddr);
    out.fCtrl = hex(packet.FCtrl);
    out.adr = packet.getFCtrlADR();
    out.adrAckReq = packet.getFCtrlADRACKReq();
    out.ack = packet.getFCtrlACK();
    out.fPending = packet.getFCtrlFPending();
    out.fOptsLen = packet.FOpts.length;
    out.fOpts = hex(packet.FOpts);
    out.fCnt = packet.getFCnt();
    out.fPort = packet.getFPort();
    out.frmPayload = hex(packet.FRMPayload);
    out.mic = hex(packet.MIC);
  } else if (packet.isJoinRequestMessage()) {
    out.appEui = hex(packet.AppEUI);
    out.devEui = hex(packet.DevEUI);
    out.devNonce = hex(packet.DevNonce);
    out.mic = hex(packet.MIC);
  } else if (packet.isRejoinRequestMessage()) {
    out.rejoinType = packet.RejoinType.length ? packet.RejoinType[0] : null;
    out.netId = hex(packet.NetID);
    out.joinEui = hex(packet.JoinEUI);
    out.devEui = hex(packet.DevEUI);
    out.rjCount0 = hex(packet.RJCount0);
    out.rjCount1 = hex(packet.RJCount1);
    out.mic = hex(packet.MIC);
  }
  return out;
}

function crypto(packet, frame, out) {
  const nwkSKey = key(frame.nwkSKey);
  const appSKey = key(frame.appSKey);
  const appKey = key(frame.appKey);
  if (packet.isDataMessage() && nwkSKey) {
    const msb = fCntMsBytes(frame.fCnt32);
    out.micOk = lora.verifyMIC(packet, nwkSKey, undefined, msb);
    if (packet.FRMPayload.length > 0) {
      out.plain = hex(lora.decrypt(packet, appSKey, nwkSKey, msb));
    }
  } else if (packet.isJoinRequestMessage() && appKey) {
    out.micOk = lora.verifyMIC(packet, undefined, appKey);
  } else if (packet.isRejoinRequestMessage() && (nwkSKey || appKey)) {
    // lora-packet takes the SNwkSIntKey (types 0 and 2) as "NwkSKey" and the JSIntKey (type 1) as "AppKey".
    out.micOk = lora.verifyMIC(packet, nwkSKey, appKey);
  }
}

function verdict(frame) {
  let packet;
  let out;
  try {
    packet = lora.fromWire(Buffer.from(frame.phy, "hex"));
    out = fields(packet);
  } catch (e) {
    return { id: frame.id, ok: false, error: String(e && e.message ? e.message : e) };
  }
  try {
    crypto(packet, frame, out);
  } catch (e) {
    out.cryptoError = String(e && e.message ? e.message : e);
  }
  return Object.assign({ id: frame.id, ok: true }, out);
}

function main() {
  const corpusPath = process.argv[2];
  if (!corpusPath) {
    process.stderr.write("usage: node oracle.js corpus.jsonl\n");
    process.exit(2);
  }
  const lines = fs.readFileSync(corpusPath, "utf8").split("\n").filter((line) => line.length > 0);
  const output = [];
  for (const line of lines) {
    output.push(JSON.stringify(verdict(JSON.parse(line))));
  }
  output.push("");
  process.stdout.write(output.join("\n"));
  process.stderr.write("lora-packet oracle: " + lines.length + " frames\n");
}

main();
