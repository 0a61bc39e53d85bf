-- A Sphinx glossary (".. glossary::", a div of class "glossary" to pandoc) that sets a
-- blank line between a term and its indented definition reads as a paragraph and a block
-- quote: the term was a line of text and no name ("fine structure" lost from a glossary
-- of 42). In a glossary every such pair is an entry: it becomes one of a definition
-- list, as its neighbours are. A paragraph and a quote outside a glossary stay.
function Div(div)
  if not div.classes:includes("glossary") then
    return nil
  end
  local blocks = pandoc.Blocks({})
  local i = 1
  local content = div.content
  while i <= #content do
    local block, after = content[i], content[i + 1]
    if block.t == "Para" and after and after.t == "BlockQuote" then
      blocks:insert(pandoc.DefinitionList({ { block.content, { after.content } } }))
      i = i + 2
    else
      blocks:insert(block)
      i = i + 1
    end
  end
  div.content = blocks
  return div
end
