-- Neovim (0.7, headless) as a real client of `connlint lsp`: starts the
-- server with vim.lsp.start_client, opens the test project's server.c,
-- edits the buffer without saving, and waits for vim.diagnostic.get to
-- show connlint's leak. Writes "ok" or the reason to $RESULT, then quits.
local connlint = os.getenv("CONNLINT")
local file = os.getenv("FILE")
local out = io.open(os.getenv("RESULT"), "w")
local function finish(msg)
  out:write(msg .. "\n")
  out:close()
  vim.cmd("qa!")
end

vim.cmd("edit " .. file)
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({
  name = "connlint",
  cmd = { connlint, "lsp", "--debounce", "100" },
  root_dir = vim.fn.fnamemodify(file, ":h"),
})
if not id then finish("start_client failed") return end
vim.lsp.buf_attach_client(buf, id)
-- An unsaved edit: an early return that leaks the socket.
local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
for i, l in ipairs(lines) do
  if l:match("^  if %(write%(fd") then
    vim.api.nvim_buf_set_lines(buf, i - 1, i - 1, false, { "  if (port == 7)", "    return -2;" })
    break
  end
end
local found
local ok = vim.wait(tonumber(os.getenv("WAIT_MS") or "120000"), function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.source == "connlint" and d.code == "connlint-fd-leak" then
      found = d
      return true
    end
  end
  return false
end, 200)
if not ok then finish("no connlint diagnostic within the time limit") return end
if found.lnum ~= 9 then finish("diagnostic on line " .. found.lnum .. ", expected 9") return end
if not found.message:match("conn_open") then finish("unexpected message: " .. found.message) return end
finish("ok")
