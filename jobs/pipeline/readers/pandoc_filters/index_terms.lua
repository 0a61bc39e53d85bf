-- A Sphinx index entry (".. index:: redundancy", a div of class "index" to pandoc) is never
-- shown: Sphinx files it in the book's index. pandoc kept its text as a paragraph of its
-- own ("redundancy" stood alone above a section's first paragraph), and the term it names
-- was only plain text in the section. The entry is the author's word that the term is
-- taught here, as stressing it would be: the div goes, and the first mention of each of
-- its terms in the section that follows (its heading aside) reads as stressed.
--
-- Entries: "a, b" or Sphinx's typed forms "single: a; b", "pair: a; b", "see: a; b",
-- a "!" marking the main entry, and a qualifier after " - " ("key - normalization").
-- In "a; b" b is a subentry under a, the narrower term and the one the place teaches;
-- a pair or a triple files each of its terms, a "see" entry points from its first.

local TYPES = { single = true, pair = true, triple = true, see = true, seealso = true }

local function words_of(part)
  part = part:gsub("^%s*!?", ""):gsub("%s+%-%s+.*$", ""):gsub("%s+$", "")
  if not part:find("%a") then
    return nil
  end
  local words = {}
  for word in part:gmatch("%S+") do
    words[#words + 1] = word:lower()
  end
  -- an entry in small letters is the term as prose writes it: its mention opening a
  -- sentence ("Recursive relationships are …") would name it in capitals, so a later one
  -- is stressed
  words.small = part:sub(1, 1):match("%l") ~= nil
  return words
end

local function phrases_of(text)
  local found = {}
  for line in (text .. "\n"):gmatch("([^\n]*)\n") do
    local kind, rest = line:match("^%s*(%a+):%s*(.*)$")
    if not (kind and TYPES[kind]) then
      kind, rest = "single", line
    end
    for item in (rest .. ","):gmatch("([^,]*),") do
      local parts = {}
      for part in (item .. ";"):gmatch("([^;]*);") do
        parts[#parts + 1] = part
      end
      if kind == "single" then
        parts = { parts[#parts] }
      elseif kind == "see" or kind == "seealso" then
        parts = { parts[1] }
      end
      for _, part in ipairs(parts) do
        local words = words_of(part)
        if words then
          found[#found + 1] = words
        end
      end
    end
  end
  return found
end

-- a word without its plural ending, roughly: enough to tell "anomalies" is "anomaly"
local function singular(word)
  if word:sub(-3) == "ies" then
    return word:sub(1, -4) .. "y"
  elseif word:match("[sxz]es$") or word:match("[cs]hes$") then
    return word:sub(1, -3)
  elseif word:sub(-1) == "s" and word:sub(-2) ~= "ss" then
    return word:sub(1, -2)
  end
  return word
end

-- the word of a Str, its punctuation before and after, if it is `word` (the last word of
-- a phrase may be the plural of the entry's, or its singular)
local function matches(str, word, last)
  local lead, core, tail = str:match("^(%p*)(.-)(%p*)$")
  local lower = core:lower()
  if lower == word or (last and singular(lower) == singular(word)) then
    return lead, core, tail
  end
  return nil
end

local function spaced(inline)
  return inline and (inline.t == "Space" or inline.t == "SoftBreak")
end

-- the inlines with the first mention of `words` set as emphasis, or nil when none is there
local function stress(inlines, words)
  local n = #words
  for i = 1, #inlines do
    local first = inlines[i]
    if first.t == "Str" then
      local lead, core, tail = matches(first.text, words[1], n == 1)
      if lead and words.small and core:sub(1, 1):match("%u") then
        lead = nil -- a capital the sentence gives it
      end
      local last_lead, last_core, last_tail = lead, core, tail
      local j = i
      local ok = lead ~= nil and (n == 1 or tail == "")
      for k = 2, n do
        if not ok then
          break
        end
        local gap, word = inlines[j + 1], inlines[j + 2]
        ok = spaced(gap) and word and word.t == "Str"
        if ok then
          last_lead, last_core, last_tail = matches(word.text, words[k], k == n)
          ok = last_lead == "" and (k == n or last_tail == "")
          j = j + 2
        end
      end
      if ok then
        local inner = pandoc.Inlines({})
        for k = i, j do
          inner:insert(inlines[k])
        end
        inner[1] = pandoc.Str(core)
        if n > 1 then
          inner[#inner] = pandoc.Str(last_core)
        end
        local out = pandoc.Inlines({})
        for k = 1, i - 1 do
          out:insert(inlines[k])
        end
        if lead ~= "" then
          out:insert(pandoc.Str(lead))
        end
        out:insert(pandoc.Emph(inner))
        if last_tail ~= "" then
          out:insert(pandoc.Str(last_tail))
        end
        for k = j + 1, #inlines do
          out:insert(inlines[k])
        end
        return out
      end
    end
  end
  return nil
end

-- whether the author stressed the term here already (then it stays as it is)
local function already(inlines, words)
  for _, inline in ipairs(inlines) do
    if (inline.t == "Emph" or inline.t == "Strong") and stress(inline.content, words) then
      return true
    end
  end
  return false
end

local function mentioned(inlines, words)
  return stress(inlines, words) ~= nil
end

-- the entry's text, a line of the directive to a line (pandoc made each line break soft)
local function lines_of(blocks)
  local text = {}
  blocks:walk({
    Inline = function(inline)
      if inline.t == "SoftBreak" or inline.t == "LineBreak" then
        text[#text + 1] = "\n"
      elseif inline.t == "Space" then
        text[#text + 1] = " "
      elseif inline.t == "Str" then
        text[#text + 1] = inline.text
      end
    end,
  })
  return table.concat(text)
end

function Pandoc(doc)
  local blocks = pandoc.Blocks({})
  local pending = {}
  local since = 0 -- blocks of text since the last index entry
  for _, block in ipairs(doc.blocks) do
    if block.t == "Div" and block.classes:includes("index") then
      if since > 0 then
        pending = {} -- an earlier entry's section is over
      end
      for _, words in ipairs(phrases_of(lines_of(block.content))) do
        pending[#pending + 1] = words
      end
      since = 0
    elseif block.t == "Header" then
      if since > 0 then
        pending = {} -- the entry's section is over
      else
        -- the section's own heading: a term it names has the heading for its mark
        local left = {}
        for _, words in ipairs(pending) do
          if not mentioned(block.content, words) then
            left[#left + 1] = words
          end
        end
        pending = left
      end
      blocks:insert(block)
    else
      if #pending > 0 then
        local function text_block(para)
          local left = {}
          for _, words in ipairs(pending) do
            local stressed = stress(para.content, words)
            if stressed and not already(para.content, words) then
              para.content = stressed
            elseif not stressed and not already(para.content, words) then
              left[#left + 1] = words
            end
          end
          pending = left
          return para
        end
        if block.t == "Para" or block.t == "Plain" then
          block = text_block(block) -- a walk visits what a block holds, not the block
        else
          block = block:walk({ Para = text_block, Plain = text_block })
        end
      end
      since = since + 1
      blocks:insert(block)
    end
  end
  doc.blocks = blocks
  return doc
end
