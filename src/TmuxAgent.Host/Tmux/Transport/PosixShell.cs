namespace TmuxAgent.Host.Tmux.Transport;

/// <summary>Quoting for a POSIX shell (the remote login shell that parses an ssh command line).</summary>
public static class PosixShell
{
    /// <summary><paramref name="word"/> as one single-quoted word: every byte literal, <c>'</c> written as <c>'\''</c>.</summary>
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The words quoted one by one and joined by spaces: the shell splits it back into exactly these words.</summary>
    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));
}
