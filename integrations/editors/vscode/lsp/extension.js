// A generic VS Code client for `connlint lsp`: starts the server on stdio
// for C files. Everything else (diagnostics, code actions) is the protocol.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("connlint").get("path") || "connlint";
  const server = { command, args: ["lsp"] };
  client = new LanguageClient(
    "connlint",
    "connlint",
    { run: server, debug: { command, args: ["lsp", "--log"] } },
    { documentSelector: [{ scheme: "file", language: "c" }] }
  );
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
