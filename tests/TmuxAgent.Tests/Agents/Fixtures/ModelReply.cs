namespace TmuxAgent.Tests.Agents.Fixtures;

/// <summary>The text the model server answers with, and how it is cut into stream deltas.</summary>
public static class ModelReply
{
    /// <summary>The default answer: names the turn, so a screen shows which prompt it answered.</summary>
    public static string For(int turn) => $"Done with turn {turn}.";

    /// <summary>Words as deltas, the way a model streams.</summary>
    public static IEnumerable<string> Chunks(string reply)
    {
        var words = reply.Split(' ');
        for (var i = 0; i < words.Length; i++) yield return i == 0 ? words[i] : " " + words[i];
    }
}
