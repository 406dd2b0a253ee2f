// The rich-text editor of the admin (amf/richtext.py RichTextWidget): paragraphs, bold,
// italic, lists and links, over ProseMirror/Tiptap as django-prose-editor ships them.
// Imported by a relative address, not through an import map: the Content-Security-Policy
// allows no inline script. Tiptap's own style element is off (injectCSS) for the same
// reason; its rules are in css/richtext.css.
import {
  Bold,
  BulletList,
  Document,
  Editor,
  HardBreak,
  History,
  Italic,
  Link,
  ListItem,
  OrderedList,
  Paragraph,
  Text,
} from "../django_prose_editor/editor.js";

// What the editor can hold. A text holding anything else (older texts may have headings or
// tables, which the server still allows) stays a plain HTML textarea rather than lose it.
const EDITABLE = new Set(["P", "BR", "STRONG", "B", "EM", "I", "UL", "OL", "LI", "A"]);

function fitsTheEditor(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  return [...template.content.querySelectorAll("*")].every((el) => EDITABLE.has(el.tagName));
}

// Word and web pages put style attributes and style elements on the clipboard. The schema
// drops them anyway, but ProseMirror parses the pasted HTML first, and the CSP would refuse
// (and report) every inline style on the way; they go before it looks.
function withoutStyles(html) {
  return html
    .replace(/<style[\s\S]*?<\/style\s*>/gi, "")
    .replace(/\sstyle\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, "");
}

function languageOf(textarea) {
  // modeltranslation names the fields of each language description_th, description_en.
  const match = /_(th|en)$/.exec(textarea.name);
  return match ? match[1] : document.documentElement.lang;
}

function labelOf(textarea) {
  const label = textarea.id && document.querySelector(`label[for="${CSS.escape(textarea.id)}"]`);
  if (!label) return null;
  if (!label.id) label.id = `${textarea.id}-label`;
  return label;
}

function start(root) {
  if (root.dataset.richtextStarted) return;
  const textarea = root.querySelector("textarea");
  if (!textarea || textarea.name.includes("__prefix__")) return;
  root.dataset.richtextStarted = "true";
  if (!fitsTheEditor(textarea.value)) {
    root.querySelector(".richtext__note").hidden = false;
    return;
  }

  const toolbar = root.querySelector(".richtext__toolbar");
  const linkPanel = root.querySelector(".richtext__link");
  const href = linkPanel.querySelector("input");
  const host = document.createElement("div");
  host.className = "richtext__host";
  textarea.after(host);
  const label = labelOf(textarea);
  const attributes = {
    id: `${textarea.id}-editor`,
    class: "richtext__editor",
    role: "textbox",
    "aria-multiline": "true",
    lang: languageOf(textarea),
    spellcheck: "true",
  };
  if (label) attributes["aria-labelledby"] = label.id;
  const describedBy = textarea.getAttribute("aria-describedby");
  if (describedBy) attributes["aria-describedby"] = describedBy;
  if (textarea.getAttribute("aria-invalid")) attributes["aria-invalid"] = "true";

  const editor = new Editor({
    element: host,
    injectCSS: false,
    content: textarea.value,
    extensions: [
      Document,
      Paragraph,
      Text,
      HardBreak,
      History,
      Bold,
      Italic,
      BulletList,
      OrderedList,
      ListItem,
      Link.configure({
        openOnClick: false,
        // Not autolink: it makes links "inclusive", so text typed after a link joins it.
        autolink: false,
        linkOnPaste: true,
        protocols: ["http", "https", "mailto"],
        HTMLAttributes: { target: null, rel: null, class: null },
      }),
    ],
    editorProps: { attributes, transformPastedHTML: withoutStyles },
    onUpdate({ editor }) {
      textarea.value = editor.isEmpty ? "" : editor.getHTML();
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    },
  });
  textarea.hidden = true;
  toolbar.hidden = false;
  if (label) label.addEventListener("click", () => editor.commands.focus());

  const buttons = [...toolbar.querySelectorAll("[data-command]")];
  const refresh = () => {
    for (const button of buttons) {
      const command = button.dataset.command;
      if (button.hasAttribute("aria-pressed")) {
        button.setAttribute("aria-pressed", String(editor.isActive(command)));
      }
      if (command === "undo") button.disabled = !editor.can().undo();
      if (command === "redo") button.disabled = !editor.can().redo();
    }
  };
  editor.on("transaction", refresh);
  refresh();

  const openLink = () => {
    href.value = editor.getAttributes("link").href || "";
    linkPanel.hidden = false;
    toolbar.querySelector('[data-command="link"]').setAttribute("aria-expanded", "true");
    href.focus();
  };
  const closeLink = () => {
    linkPanel.hidden = true;
    toolbar.querySelector('[data-command="link"]').setAttribute("aria-expanded", "false");
    editor.commands.focus();
  };
  const applyLink = () => {
    const url = href.value.trim();
    const chain = editor.chain().focus().extendMarkRange("link");
    if (!url) {
      chain.unsetLink().run();
    } else if (editor.state.selection.empty && !editor.isActive("link")) {
      chain.insertContent({ type: "text", text: url, marks: [{ type: "link", attrs: { href: url } }] }).run();
    } else {
      chain.setLink({ href: url }).run();
    }
    closeLink();
  };

  const commands = {
    bold: () => editor.chain().focus().toggleBold().run(),
    italic: () => editor.chain().focus().toggleItalic().run(),
    bulletList: () => editor.chain().focus().toggleBulletList().run(),
    orderedList: () => editor.chain().focus().toggleOrderedList().run(),
    link: () => (linkPanel.hidden ? openLink() : closeLink()),
    undo: () => editor.chain().focus().undo().run(),
    redo: () => editor.chain().focus().redo().run(),
  };
  // A mouse press on a button must not take the focus (and the selection) from the text:
  // the next keys typed belong to the text, not to the button.
  toolbar.addEventListener("mousedown", (event) => {
    if (event.target.closest("[data-command]")) event.preventDefault();
  });
  toolbar.addEventListener("click", (event) => {
    const button = event.target.closest("[data-command]");
    if (button) commands[button.dataset.command]();
  });
  linkPanel.addEventListener("click", (event) => {
    const action = event.target.closest("[data-link]")?.dataset.link;
    if (action === "apply") applyLink();
    if (action === "remove") {
      href.value = "";
      applyLink();
    }
    if (action === "cancel") closeLink();
  });
  href.addEventListener("keydown", (event) => {
    // Enter would submit the admin's whole form.
    if (event.key === "Enter") {
      event.preventDefault();
      applyLink();
    }
    if (event.key === "Escape") {
      event.preventDefault();
      closeLink();
    }
  });
  host.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k") {
      event.preventDefault();
      openLink();
    }
  });
}

function startAll(container) {
  for (const root of container.querySelectorAll("[data-richtext]")) start(root);
}

startAll(document);
// Inline rows added with "Add another ..." (Django dispatches formset:added on the new row).
document.addEventListener("formset:added", (event) => startAll(event.target));
