-- A role an author declares in reStructuredText to colour or stress words (".. role:: red"
-- in a Sphinx project's prolog, then ":red:`键`") reaches us as a code span of its text,
-- as every role pandoc does not know does: a pandas tutorial's stressed terms ("分组依据",
-- "键") read as code and were no marked names. Such a role is emphasis, and so is Sphinx's
-- ":dfn:", the defining mention of a term. Sphinx's own roles (":func:", ":py:class:",
-- ":kbd:", ":file:", ...) name code, keys or files and stay code spans; its reference
-- roles are read as their titles before this filter (no_label_links.lua).
local SPHINX = {
  abbr = true, any = true, attr = true, class = true, code = true, command = true,
  const = true, data = true, doc = true, download = true, envvar = true, eq = true,
  exc = true, file = true, func = true, guilabel = true, kbd = true, keyword = true,
  mailheader = true, makevar = true, manpage = true, math = true, menuselection = true,
  meth = true, mimetype = true, mod = true, newsgroup = true, numref = true, obj = true,
  option = true, pep = true, program = true, ref = true, regexp = true, rfc = true,
  samp = true, term = true, token = true,
}

function Code(code)
  local role = code.attributes["role"]
  if not (role and code.classes:includes("interpreted-text")) then
    return nil
  end
  -- a domain's role (":py:func:", ":c:macro:") names code
  if role == "dfn" or not (SPHINX[role] or role:find(":", 1, true)) then
    return pandoc.Emph(pandoc.Inlines(code.text))
  end
end
