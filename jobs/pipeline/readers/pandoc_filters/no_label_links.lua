-- A cross-reference to a label outside the uploaded file (a book's chapter read alone:
-- LaTeX's "chapter \ref{ch.trees}", AsciiDoc's "<<ch03-git-branching>>") comes out of
-- pandoc as a link to "#key" that reads "[key]" or "key": a label's key, which read as
-- text named concepts ("TruthTables"). It goes; a reference pandoc resolved reads as its
-- number or title and stays.
function Link(link)
  local key = link.target:match("^#(.+)$")
  if not key then
    return nil
  end
  local text = pandoc.utils.stringify(link.content)
  -- DocBook's <xref linkend="forks"/> to a chapter not in the file reads "???" (pandoc's
  -- placeholder for a target it did not find): "examined in ??? in ???"
  if text == key or text == "[" .. key .. "]" or text == "???" then
    return {}
  end
end

-- Sphinx's cross-reference roles in reStructuredText (":ref:`the model <relational-model>`",
-- ":numref:`Chapter {number} <relational-model-chapter>`", ":doc:`intro`") reach us as code
-- spans of their source: a chapter's "key" was described as "material from `Chapter
-- {number} <relational-model-chapter>`", code and all. A reference reads as its title
-- ("the model"; a number Sphinx fills in, gone: "Chapter"), or goes when it has none (its
-- label's key); a glossary reference (":term:`superkey`") reads as the term.
local REFERENCES = { ref = true, numref = true, doc = true, any = true, eq = true, term = true }

function Code(code)
  local role = code.attributes["role"]
  if not (role and REFERENCES[role] and code.classes:includes("interpreted-text")) then
    return nil
  end
  local title = code.text:match("^(.-)%s*<[^<>]*>%s*$")
  if not title then
    if role ~= "term" then
      return {}
    end
    title = code.text
  end
  title = title:gsub("{%a+}", ""):gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")
  if title == "" then
    return {}
  end
  return pandoc.Inlines(title)
end
