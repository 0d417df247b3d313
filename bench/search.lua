-- wrk script: rotates through catalogue searches (text, phrases, exclusions, facets, paging) so that one cached answer
-- cannot stand for all; reports requests per second, p95 latency in ms and errors, like p95.lua.
local paths = {
  "/losninger?q=bolig", "/losninger?q=boligskole", "/losninger?q=oppf%C3%B8lgingen%20unge", "/losninger?q=%22bo-oppf%C3%B8lging%22",
  "/losninger?q=milj%C3%B8vaktmester", "/losninger?q=husleie&county=03", "/losninger?q=ungdom%20-eldre", "/losninger?form=Team",
  "/losninger?category=OutreachTeam&q=team", "/losninger?q=bolig&page=3", "/losninger", "/losninger?county=11&form=StaffedHousing",
  "/losninger?q=samarbeid%20nav", "/losninger?q=flyktninger&municipality=1833", "/losninger?q=institusjon%20OR%20fengsel",
  "/losninger?q=frivillige&phase=DevelopingAndTesting",
}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("rps %.2f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("p95 %.2f\n", latency:percentile(95) / 1000))
  io.write(string.format("errors %d\n", errors))
end
