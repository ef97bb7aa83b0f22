using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Host.Web.Portal;

namespace TmuxAgent.Tests.Web;

/// <summary>
/// Generated bodies for <c>POST /api/confirmations</c> (random bytes, JSON-ish text, wrong types, invalid UTF-8, deep
/// nesting, huge strings, near-valid records) against the real daemon's portal on loopback. Every answer is 2xx, 400, 401,
/// 404, 409 or 413 with a JSON message, never 500; the server keeps serving; and an invalid body approves nothing. (The
/// dashboard has no POST endpoint: it is read-only.)
/// </summary>
[Category("http"), Category("tmux")]
public class PortalBodyPropertyTests
{
    private const string Branch = "prop/a";
    private static readonly HttpStatusCode[] Allowed =
        [HttpStatusCode.OK, HttpStatusCode.Accepted, HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized,
         HttpStatusCode.NotFound, HttpStatusCode.Conflict, HttpStatusCode.RequestEntityTooLarge,
         HttpStatusCode.TooManyRequests];   // six wrong tokens in a row (rare here) shut the client out for a second

    private static readonly Gen<char> JsonChars = Gen.Char["{}[]\":,\\ \nabc0123.-eEtfnul\u00e9\u4e2d\t"];

    [Test]
    public async Task Generated_bodies_get_a_clear_answer_never_500_and_an_invalid_one_approves_nothing()
    {
        await using var h = await DaemonHarness.StartAsync(DaemonHarness.Task(Branch),
            _ => new Decision("needs a human", [CommandSpec.Of("echo prop-$((6*7))", "high")], RequiresConfirmation: true), "agent-prop-a");
        var id = await h.PendingIdAsync(Branch);
        h.Portal.ApplyWait = TimeSpan.FromSeconds(30);
        var valid = Encoding.UTF8.GetString(Body(Branch, "cmd-not-pending", "approve"));

        var bodies = Gen.OneOf(
            Gen.Byte.Array[0, 400],
            Gen.String[JsonChars, 0, 300].Select(Encoding.UTF8.GetBytes),
            Mutated(valid).Select(Encoding.UTF8.GetBytes),
            WrongTypes(id),
            InvalidUtf8(id),
            Nested(id),
            Huge(id));
        var seen = new System.Collections.Concurrent.ConcurrentBag<(int Status, bool Valid)>();

        await Gen.Select(bodies, Gen.Int[0, 9]).SampleAsync(async (body, tokenDie) =>
        {
            var token = tokenDie == 0 ? "wrong-" + h.Token : h.Token;
            using var response = await Post(h, body, token);
            var text = await response.Content.ReadAsStringAsync();
            var isValid = ConfirmationPost.Parse(body, out _) is not null;
            Allowed.Should().Contain(response.StatusCode, $"answer to {Describe(body)}: {text}");
            if ((int)response.StatusCode >= 400)
                JsonNode.Parse(text)!["error"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace("every refusal says why");
            if (response.StatusCode == HttpStatusCode.TooManyRequests) { }
            else if (tokenDie == 0) response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            else if (!isValid) response.StatusCode.Should().BeOneOf([HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge], $"{Describe(body)}: {text}");
            seen.Add(((int)response.StatusCode, isValid));
        }, iter: 400, threads: 4);

        var events = await h.EventsAsync(Branch);
        events.OfType<ConfirmationApproved>().Should().BeEmpty("no generated body names the pending command validly");
        events.OfType<ConfirmationDenied>().Should().BeEmpty();
        seen.Select(s => s.Status).Should().Contain([400, 401, 413], "the generators reach the refusals");

        await Task.Delay(TimeSpan.FromSeconds(2));   // past any shut-out (1 s, then 2 s; six wrong in a row are rare)
        using var approve = await Post(h, Body(Branch, id, "approve"), h.Token);
        approve.StatusCode.Should().Be(HttpStatusCode.OK, "the portal still serves and the command is still pending");
    }

    private static async Task<HttpResponseMessage> Post(DaemonHarness h, byte[] body, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(h.PortalUrl, "api/confirmations")) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await h.Http.SendAsync(request);
    }

    private static byte[] Body(string branch, string id, string action) =>
        Encoding.UTF8.GetBytes(new JsonObject { ["branch"] = branch, ["id"] = id, ["action"] = action }.ToJsonString());

    private static string Describe(byte[] body) => body.Length > 200 ? $"{body.Length} bytes starting {Encoding.UTF8.GetString(body, 0, 200)}" : Encoding.UTF8.GetString(body);

    /// <summary>A valid body (for a command that is not pending) with random insertions, deletions, truncations and repeats.</summary>
    private static Gen<string> Mutated(string valid) =>
        Gen.Select(Gen.Int[0, valid.Length], Gen.Int[0, 20], Gen.String[JsonChars, 0, 12], Gen.Int[0, 3]).Select((at, cut, insert, kind) => kind switch
        {
            0 => valid[..at] + insert + valid[at..],
            1 => valid.Remove(at, Math.Min(cut, valid.Length - at)),
            2 => valid[..at],
            _ => valid + valid[..at],
        });

    /// <summary>The pending command's real branch and id with one field of the wrong JSON type, or a bad action.</summary>
    private static Gen<byte[]> WrongTypes(string id) =>
        Gen.Select(Gen.Int[0, 4], Gen.Int[0, 9])
            .Select((field, pick) =>
            {
                JsonNode? value = pick switch
                {
                    0 => 1, 1 => 0.5, 2 => true, 3 => false, 4 => new JsonArray("approve"), 5 => new JsonObject { ["x"] = 1 },
                    6 => "", 7 => "APPROVE", 8 => "approved", _ => " ",
                };
                var o = new JsonObject { ["branch"] = Branch, ["id"] = id, ["action"] = "approve" };
                var name = new[] { "branch", "id", "action", "who", "comment" }[field];
                if (name is "who" or "comment" && value is JsonValue v && v.TryGetValue<string>(out _)) value = 7; // a string there is valid
                o[name] = value;
                return Encoding.UTF8.GetBytes(o.ToJsonString());
            });

    /// <summary>The real branch and id, and bytes that are not UTF-8 inside one of the strings.</summary>
    private static Gen<byte[]> InvalidUtf8(string id) =>
        Gen.Select(Gen.Int[0, 3], Gen.Byte[0x80, 0xbf], Gen.Byte[0x80, 0xff].Array[0, 3]).Select((field, lone, more) =>
        {
            // A continuation byte with no lead byte before it is never UTF-8, whatever follows it.
            byte[] bad = [lone, .. more];
            string[] names = ["branch", "id", "action", "who"];
            var parts = new List<byte>();
            parts.AddRange(Encoding.UTF8.GetBytes("{"));
            for (var i = 0; i < names.Length; i++)
            {
                var value = names[i] switch { "branch" => Branch, "id" => id, "action" => "approve", _ => "me" };
                parts.AddRange(Encoding.UTF8.GetBytes($"{(i > 0 ? "," : "")}\"{names[i]}\":\"{value}"));
                if (i == field) parts.AddRange(bad);
                parts.AddRange(Encoding.UTF8.GetBytes("\""));
            }
            parts.AddRange(Encoding.UTF8.GetBytes("}"));
            return parts.ToArray();
        });

    /// <summary>Arrays or objects nested up to 5,000 deep in place of a field.</summary>
    private static Gen<byte[]> Nested(string id) =>
        Gen.Select(Gen.Int[1, 5000], Gen.Bool).Select((depth, arrays) =>
        {
            var open = arrays ? new string('[', depth) : string.Concat(Enumerable.Repeat("{\"a\":", depth));
            var close = arrays ? new string(']', depth) : new string('}', depth);
            return Encoding.UTF8.GetBytes($"{{\"branch\":\"{Branch}\",\"id\":\"{id}\",\"action\":\"approve\",\"comment\":{open}1{close}}}");
        });

    /// <summary>The real branch and id with a comment or name too long to accept (some bodies over the 64 KiB limit).</summary>
    private static Gen<byte[]> Huge(string id) =>
        Gen.Select(Gen.Int[ConfirmationPost.MaxComment + 1, 100_000], Gen.Bool).Select((length, inWho) =>
        {
            var o = new JsonObject { ["branch"] = Branch, ["id"] = id, ["action"] = "approve" };
            o[inWho ? "who" : "comment"] = new string('w', inWho ? Math.Min(length, 300) : length);
            return Encoding.UTF8.GetBytes(o.ToJsonString());
        });
}
