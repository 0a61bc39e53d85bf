-- A LaTeX cross-reference to a label outside the uploaded file ("chapter \ref{ch.trees}",
-- a book's chapter read alone) comes out of pandoc as a link reading "[ch.trees]": a
-- label's key, which read as text named concepts ("TruthTables"). It goes; a reference
-- pandoc resolved reads as its number and stays.
function Link(link)
  local kind = link.attributes["reference-type"]
  if kind and pandoc.utils.stringify(link.content):match("^%[.*%]$") then
    return {}
  end
end
