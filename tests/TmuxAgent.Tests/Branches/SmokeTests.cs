using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Serialization;

namespace TmuxAgent.Tests.Branches;

public class SerializationSmokeTests
{
    [Test]
    public void Every_registered_event_type_round_trips()
    {
        var e = new DecisionReceived("d1", "s", [TmuxAgent.Core.Commands.CommandSpec.Of("npm test")], false, "testing", ["x"], null, 1.5, false)
            { Branch = "a/b", At = DateTimeOffset.FromUnixTimeSeconds(1763900000) };
        var back = EventSerializer.FromJson(EventTypes.NameOf(e), EventSerializer.ToJson(e));
        back.Should().BeEquivalentTo(e);
    }
}
