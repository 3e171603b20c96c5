// The decoder of packed numbers (packed.go), in the browser and in Node:
// an expression whose value is { unpack, decode }. The format is
// packed.go's; its Go decoder is Unpack.
(function () {
  "use strict";

  // inflate returns the bytes that the base64 text b64 holds, inflated
  // with zlib, as a promise of an ArrayBuffer.
  function inflate(b64) {
    var bin = atob(b64), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"))).arrayBuffer();
  }

  // decode reads the inflated buffer buf of packed: every part, by name,
  // a Float64Array of codes' values thing by thing ([thing*steps+step]) or
  // a Uint8Array of bytes step by step ([step*n+thing]).
  function decode(packed, buf) {
    var data = new DataView(buf), at = 0, S = packed.steps, parts = {};
    packed.parts.forEach(function (p) {
      if (p.bytes) {
        parts[p.name] = new Uint8Array(buf, at, p.n * S);
        at += p.n * S;
        return;
      }
      var out = new Float64Array(p.n * S);
      for (var i = 0; i < p.n; i++) {
        var prev = 0;
        for (var k = 0; k < S; k++, at += 2) {
          var c = data.getInt16(at, true);
          if (p.delta) c = prev = ((prev + c) << 16) >> 16;
          out[i * S + k] = c === packed.notFinite ? NaN : c / p.top * (p.scale.length > 1 ? p.scale[k] : p.scale[0]);
        }
      }
      parts[p.name] = out;
    });
    if (at !== buf.byteLength) {
      throw new Error("the packed numbers take " + buf.byteLength + " bytes, their parts " + at);
    }
    return parts;
  }

  // unpack returns a promise of the parts of packed.
  function unpack(packed) {
    if (typeof DecompressionStream === "undefined") {
      return Promise.reject(new Error("this browser has no DecompressionStream to unpack the view's numbers"));
    }
    return inflate(packed.data).then(function (buf) { return decode(packed, buf); });
  }

  return { unpack: unpack, decode: decode };
})()
