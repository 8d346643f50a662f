-- spoe4j conformance tests: a minimal stand-in for Datadog's lua.send_blocking_response, written
-- for these tests to the contract of io.spoe4j.http.actions.DatadogBlockingResponseAction (its
-- javadoc), so that HAProxy and spoe4j's Java port can be compared. Not Datadog's script.

core.register_action("send_blocking_response", { "http-req" }, function(txn)
    local status = txn:get_var("txn.dd.status")
    if status == nil then
        status = txn:get_var("txn.dd.status_code")
    end
    local headers = txn:get_var("txn.dd.headers")
    local body = txn:get_var("txn.dd.body")
    local reply = txn:reply()
    reply:set_status(math.tointeger(tonumber(status)))
    -- one "Name: value" per line; a name of letters, digits and '-', a value of two characters or
    -- more starting with a non-blank one; other lines are skipped
    for line in headers:gmatch("[^\r\n]+") do
        local name, value = line:match("^([%w%-]+): (%S.+)$")
        if name then
            reply:add_header(name, value)
        end
    end
    reply:set_body(body)
    txn:done(reply)
end)
