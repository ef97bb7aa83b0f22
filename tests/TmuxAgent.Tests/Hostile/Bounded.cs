namespace TmuxAgent.Tests.Hostile;

/// <summary>Runs one property case with a deadline: a case that does not finish is a hang (a failure), not a slow test.</summary>
internal static class Bounded
{
    public static T Run<T>(Func<T> body, string what)
    {
        var task = Task.Run(body);
        if (!task.Wait(TimeSpan.FromSeconds(10))) throw new TimeoutException($"{what}: no answer within 10 s (a hang)");
        return task.Result;
    }
}
