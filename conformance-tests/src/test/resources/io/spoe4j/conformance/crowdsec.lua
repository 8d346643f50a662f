-- spoe4j conformance tests: a minimal stand-in for the CrowdSec bouncer's lua.crowdsec_handle,
-- written for these tests to the contract of io.spoe4j.http.actions.CrowdSecHandleAction (its
-- javadoc), so that HAProxy and spoe4j's Java port can be compared. Not the bouncer's script.

local function read_file(path)
    local f = assert(io.open(path, "rb"))
    local s = f:read("*a")
    f:close()
    return s
end

-- Read on first use: the documented haproxy.cfg loads the script before its setenv lines.
local templates = {}
local function template(env)
    if templates[env] == nil then
        templates[env] = read_file(os.getenv(env))
    end
    return templates[env]
end

-- A variable as text, "" when unset.
local function text(txn, name)
    local v = txn:get_var("txn.crowdsec." .. name)
    if v == nil then
        return ""
    end
    return tostring(v)
end

-- {{name}} is replaced by its value (names not given stay); then, line by line,
-- {{ if NAME == "x" then }} / != hide the lines up to {{ else or {{ end when the test fails;
-- control lines and empty lines are dropped, the kept lines joined with "\n".
local function render(template, values)
    local substituted = template:gsub("{{([%w_]+)}}", function(name) return values[name] end)
    local kept = {}
    local show = true
    for line in substituted:gmatch("[^\r\n]+") do
        local trimmed = line:match("^%s*(.-)%s*$")
        if trimmed:sub(1, 5) == "{{ if" then
            local name, op, literal = trimmed:match('^{{ if (%S+) (%S+) "(.-)" then }}')
            local value = values[name] or ""
            if op == "==" and value ~= literal or op == "!=" and value == literal then
                show = false
            end
        elseif trimmed:sub(1, 7) == "{{ else" then
            show = not show
        elseif trimmed:sub(1, 6) == "{{ end" then
            show = true
        elseif show then
            kept[#kept + 1] = line
        end
    end
    return table.concat(kept, "\n")
end

-- No Accept header, or one containing "*", "text" or "html".
local function accepts_html(txn)
    local accept = txn.http:req_get_headers()["accept"]
    if accept == nil then
        return true
    end
    for _, v in pairs(accept) do
        if v:find("*", 1, true) or v:find("text", 1, true) or v:find("html", 1, true) then
            return true
        end
    end
    return false
end

core.register_action("crowdsec_handle", { "http-req" }, function(txn)
    local remediation = text(txn, "remediation")
    if remediation == "" or remediation == "allow" then
        return
    end
    local reply = txn:reply({ status = 403, body = "" })
    reply:add_header("cache-control", "no-cache")
    reply:add_header("cache-control", "no-store")
    if remediation == "challenge" then
        local status = text(txn, "challenge_status")
        reply:set_status(status == "" and 200 or tonumber(status))
        reply:set_body(text(txn, "challenge_body"))
        for var, header in pairs({ challenge_content_type = "Content-Type", challenge_csp = "Content-Security-Policy",
                challenge_cache_control = "Cache-Control", challenge_cookie = "Set-Cookie" }) do
            if text(txn, var) ~= "" then
                reply:add_header(header, text(txn, var))
            end
        end
        txn:done(reply)
        return
    end
    if remediation == "captcha" then
        reply:set_status(200)
        reply:set_body(render(template("CROWDSEC_CAPTCHA_TEMPLATE_PATH"), { captcha_site_key = text(txn, "captcha_site_key"),
            captcha_frontend_key = text(txn, "captcha_frontend_key"),
            captcha_frontend_js = text(txn, "captcha_frontend_js") }))
    elseif remediation == "ban" then
        reply:set_body(render(template("CROWDSEC_BAN_TEMPLATE_PATH"), { contact_us_url = text(txn, "contact_us_url") }))
    end
    if accepts_html(txn) then
        reply:add_header("Content-Type", "text/html")
    else
        reply:set_body("Forbidden")
        reply:add_header("Content-Type", "text/plain")
    end
    txn:done(reply)
end)
