using System.Diagnostics;
using TmuxAgent.Host.Leases;

namespace TmuxAgent.Tests.Host.Leases;

public class HostIdentityTests
{
    [Test]
    public void The_default_id_is_hostname_pid_and_a_random_part_new_at_each_call()
    {
        var id = HostIdentity.NewDefault();
        id.Should().MatchRegex($"^{System.Text.RegularExpressions.Regex.Escape(Environment.MachineName)}/{Environment.ProcessId}/[0-9a-f]{{8}}$");
        HostIdentity.NewDefault().Should().NotBe(id);
    }

    [Test, Category("process")]
    public void Only_a_default_id_of_this_machine_whose_process_has_ended_counts_as_gone()
    {
        using var p = Process.Start("true")!;
        p.WaitForExit();
        var dead = $"{Environment.MachineName}/{p.Id}/0123abcd";

        HostIdentity.IsGoneLocalProcess(dead).Should().BeTrue();
        HostIdentity.IsGoneLocalProcess(HostIdentity.NewDefault()).Should().BeFalse("this process runs");
        HostIdentity.IsGoneLocalProcess($"other-machine-{Guid.NewGuid():N}/{p.Id}/0123abcd").Should().BeFalse("another machine's pids say nothing");
        HostIdentity.IsGoneLocalProcess("host-a").Should().BeFalse("a configured id is never second-guessed");
    }
}
