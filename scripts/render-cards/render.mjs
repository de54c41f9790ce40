// Render NAME.teams.json with the official adaptivecards renderer and NAME.slack.json as
// an HTML approximation of Block Kit, at chat width, to NAME.teams.png / NAME.slack.png,
// and write heights.json (pixel heights, for before/after comparisons).
// Usage: node render.mjs JSON_DIR OUT_DIR HOST_CONFIG
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const [jsonDir, outDir, hostConfigPath] = process.argv.slice(2);
const WIDTH = 440; // a Teams or Slack chat column on a laptop
const acJs = fs.readFileSync(require.resolve("adaptivecards/dist/adaptivecards.js"), "utf8");
const mdJs = fs.readFileSync(require.resolve("markdown-it/dist/markdown-it.min.js"), "utf8");
const hostConfig = JSON.parse(fs.readFileSync(hostConfigPath, "utf8")).light;

const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

// Slack mrkdwn arrives escaped (&lt; &gt; &amp;): decode links/mentions, then format.
function mrkdwn(text) {
  let html = String(text)
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, (_, url, label) => `<a href="#">${label}</a>`)
    .replace(/<mailto:([^|>]+)\|([^>]+)>/g, (_, url, label) => `<a href="#">${label}</a>`)
    .replace(/<@(\w+)>/g, (_, id) => `<span class="mention">@${id}</span>`)
    .replace(/<!(here|channel)>/g, (_, w) => `<span class="mention">@${w}</span>`);
  html = html
    .replace(/:([a-z_]+):/g, (m, name) => EMOJI[name] || m)
    .replace(/\*([^*\n]+)\*/g, "<b>$1</b>")
    .replace(/(^|\s)_([^_\n]+)_/g, "$1<i>$2</i>")
    .replace(/`([^`]+)`/g, "<code>$1</code>");
  const lines = html.split("\n");
  return lines
    .map((l) => (l.startsWith("&gt; ") || l.startsWith("> ") ? `<div class="quote">${l.replace(/^(&gt;|>) ?/, "")}</div>` : `<div>${l || "&nbsp;"}</div>`))
    .join("");
}
const EMOJI = {
  white_check_mark: "✅", rotating_light: "🚨", eyes: "👀", page_facing_up: "📄", newspaper: "📰",
  shield: "🛡️", warning: "⚠️", telephone_receiver: "📞", link: "🔗", alarm_clock: "⏰",
  thumbsup: "👍", thumbsdown: "👎", mega: "📣", no_entry: "⛔", memo: "📝",
};

function slackButton(el) {
  const style = el.style ? ` ${el.style}` : "";
  return `<span class="btn${style}">${esc(el.text.text).replace(/:([a-z_]+):/g, (m, n) => EMOJI[n] || m)}</span>`;
}

function slackBlock(b) {
  switch (b.type) {
    case "header":
      return `<div class="header">${esc(b.text.text).replace(/:([a-z_]+):/g, (m, n) => EMOJI[n] || m)}</div>`;
    case "section": {
      const body = b.text ? (b.text.type === "mrkdwn" ? mrkdwn(b.text.text) : esc(b.text.text)) : "";
      const fields = b.fields ? `<div class="fields">${b.fields.map((f) => `<div>${mrkdwn(f.text)}</div>`).join("")}</div>` : "";
      const acc = b.accessory && b.accessory.type === "button" ? `<div class="acc">${slackButton(b.accessory)}</div>` : "";
      return `<div class="section"><div class="body">${body}${fields}</div>${acc}</div>`;
    }
    case "context":
      return `<div class="context">${b.elements.map((e) => (e.type === "mrkdwn" ? mrkdwn(e.text) : esc(e.text || ""))).join(" ")}</div>`;
    case "actions":
      return `<div class="actions">${b.elements.map((e) => (e.type === "button" ? slackButton(e) : `<span class="select">${esc((e.placeholder || {}).text || "Choose")} ▾</span>`)).join("")}</div>`;
    case "rich_text":
      return b.elements
        .map((el) => `<div class="${el.type === "rich_text_quote" ? "quote rich" : "rich"}">${el.elements.map((t) => esc(t.text || "")).join("")}</div>`)
        .join("");
    case "input":
      return `<div class="input"><div class="label">${esc(b.label.text)}${b.optional ? " <span class='opt'>(optional)</span>" : ""}</div><div class="box${b.element.multiline ? " tall" : ""}"></div></div>`;
    case "divider":
      return "<hr>";
    default:
      return `<div class="context">[${esc(b.type)}]</div>`;
  }
}

const SLACK_CSS = `body{margin:0;background:#fff;font:15px/1.46668 -apple-system,'Segoe UI',Lato,sans-serif;color:#1d1c1d}
#root{width:${WIDTH}px;padding:8px 16px 12px 64px;position:relative;box-sizing:border-box}
#root:before{content:'';position:absolute;left:16px;top:10px;width:36px;height:36px;border-radius:6px;background:#4a154b}
.name{font-weight:900}.name span{font-weight:400;color:#616061;font-size:12px;margin-left:6px}
.header{font-weight:900;font-size:18px;margin:6px 0}.section{display:flex;gap:8px;margin:6px 0}
.section .body{flex:1;white-space:normal}.fields{display:grid;grid-template-columns:1fr 1fr;gap:8px}
.context{color:#616061;font-size:13px;margin:4px 0}.quote{border-left:4px solid #ddd;padding-left:10px;color:#1d1c1d}
.rich{white-space:pre-wrap;margin:4px 0}.mention{background:#e8f5fa;color:#1264a3;border-radius:3px;padding:0 2px}
a{color:#1264a3}.btn{display:inline-block;border:1px solid #bbb;border-radius:4px;padding:3px 12px;font-weight:700;font-size:14px;margin:4px 8px 4px 0;white-space:nowrap}
.btn.primary{background:#007a5a;color:#fff;border-color:#007a5a}.btn.danger{background:#e01e5a;color:#fff;border-color:#e01e5a}
.select{display:inline-block;border:1px solid #bbb;border-radius:4px;padding:3px 12px;margin:4px 0}
.input{margin:8px 0}.label{font-weight:700}.opt{font-weight:400;color:#616061}.box{border:1px solid #bbb;border-radius:4px;height:34px;margin-top:4px}.box.tall{height:80px}
code{background:#f6f6f6;border:1px solid #ddd;border-radius:3px;padding:0 3px;color:#e01e5a}`;

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--font-render-hinting=none"],
  });
  const page = await browser.newPage();
  await page.setViewport({ width: WIDTH + 40, height: 800, deviceScaleFactor: 1 });
  const heights = {};
  const files = fs.readdirSync(jsonDir).filter((f) => f.endsWith(".json")).sort();
  for (const file of files) {
    const name = file.replace(/\.json$/, "");
    const content = JSON.parse(fs.readFileSync(path.join(jsonDir, file), "utf8"));
    if (name.endsWith(".teams")) {
      await page.setContent(`<html><head><style>body{margin:0;background:#f5f5f5}#root{width:${WIDTH}px;margin:0;background:#fff;border-radius:4px}</style></head><body><div id="root"></div></body></html>`);
      await page.addScriptTag({ content: mdJs });
      await page.addScriptTag({ content: acJs });
      await page.evaluate((card, hc) => {
        const AC = window.AdaptiveCards;
        AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
          result.outputHtml = window.markdownit().render(text);
          result.didProcess = true;
        };
        const ac = new AC.AdaptiveCard();
        ac.hostConfig = new AC.HostConfig(hc);
        ac.parse(card);
        document.getElementById("root").appendChild(ac.render());
      }, content, hostConfig);
    } else {
      const body = content.map(slackBlock).join("");
      await page.setContent(`<html><head><style>${SLACK_CSS}</style></head><body><div id="root"><div class="name">policybot <span>APP 10:15 PM</span></div>${body}</div></body></html>`);
    }
    const root = await page.$("#root");
    const box = await root.boundingBox();
    heights[name] = Math.round(box.height);
    await root.screenshot({ path: path.join(outDir, `${name}.png`) });
  }
  await browser.close();
  fs.writeFileSync(path.join(outDir, "heights.json"), JSON.stringify(heights, null, 1) + "\n");
  console.log(JSON.stringify(heights));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
