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
  if text == key or text == "[" .. key .. "]" then
    return {}
  end
end
