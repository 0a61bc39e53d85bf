-- pandoc's AsciiDoc reader splits a code span at its spaces: "`git status`" comes out as
-- the spans "git" and "status", and the command was lost as a name. Spans that only a
-- space separates are joined back into one.
function Inlines(inlines)
  local i = 1
  while i + 2 <= #inlines do
    local a, gap, b = inlines[i], inlines[i + 1], inlines[i + 2]
    if a.t == "Code" and gap.t == "Space" and b.t == "Code" then
      a.text = a.text .. " " .. b.text
      inlines:remove(i + 2)
      inlines:remove(i + 1)
    else
      i = i + 1
    end
  end
  return inlines
end
