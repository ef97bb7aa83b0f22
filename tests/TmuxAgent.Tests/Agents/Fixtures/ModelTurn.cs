namespace TmuxAgent.Tests.Agents.Fixtures;

/// <summary>Which agent's wire protocol a request used.</summary>
public enum ModelDialect
{
    /// <summary>OpenAI Responses API as Codex CLI speaks it (<c>POST /v1/responses</c>, streaming).</summary>
    Codex,

    /// <summary>Anthropic Messages API as Claude Code speaks it (<c>POST /v1/messages?beta=true</c>).</summary>
    Claude,
}

/// <summary>One turn the model server answered: the prompt it carried (the request's last user message), when the
/// request arrived and when its answer ended, whether the agent hung up before the end (an aborted turn) and whether the
/// server answered with an error on purpose.</summary>
public sealed record ModelTurn(
    ModelDialect Dialect,
    string Prompt,
    DateTimeOffset Started,
    DateTimeOffset? Finished,
    bool Aborted,
    bool Failed)
{
    /// <summary>True while <paramref name="at"/> lies inside this turn's window (from request to end of answer).</summary>
    public bool Covers(DateTimeOffset at) => at >= Started && (Finished is null || at <= Finished);
}
