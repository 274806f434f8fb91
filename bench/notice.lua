-- wrk script for bench/notices.sh: each request files a complete notice for one of the LISTINGS registered
-- listings (bench-0 ... bench-<LISTINGS-1>), in turn. Arguments: API_KEY LISTINGS.
local counter = 0
local key, listings

init = function(args)
  key = args[1]
  listings = tonumber(args[2])
  counter = math.random(0, listings - 1)
end

request = function()
  counter = counter + 1
  local body = '{"right":{"type":"TRADEMARK","reference":"TM 1"},"listings":["bench-' .. (counter % listings)
    .. '"],"reasonCode":"COUNTERFEIT","language":"en","text":"bench notice ' .. counter .. '",'
    .. '"elements":{"rightsHolderIdentity":true,"proofOfRights":true,"listingLocation":true,'
    .. '"infringementEvidence":true,"goodFaithStatement":true}}'
  return wrk.format("POST", "/api/notices", {["Content-Type"] = "application/json", ["X-Api-Key"] = key}, body)
end

-- a load that is refused is no load: count what did not file
local refused = 0
response = function(status, headers, body)
  if status ~= 201 then
    refused = refused + 1
    if refused == 1 then io.stderr:write("notice refused: " .. status .. " " .. body .. "\n") end
  end
end
