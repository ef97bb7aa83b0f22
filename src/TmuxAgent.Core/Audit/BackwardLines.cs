using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace TmuxAgent.Core.Audit;

/// <summary>
/// Reads a file's lines from the end towards the start, a block at a time (for the mirror's tail check).
/// Only <c>\n</c> ends a line here; a trailing <c>\r</c> stays in the line's bytes.
/// </summary>
internal sealed class BackwardLines
{
    private readonly SafeFileHandle _file;
    private readonly long _length;
    private readonly int _blockSize;
    private byte[] _buffer;
    private long _bufferStart; // file offset of _buffer[_bufferPos]
    private int _bufferPos;    // data lives in [_bufferPos, _buffer.Length)
    private long _end;         // end of the next line (exclusive), before its terminator

    public BackwardLines(SafeFileHandle file, long length, int blockSize = 64 * 1024)
    {
        _file = file;
        _length = length;
        _blockSize = blockSize;
        _buffer = new byte[blockSize];
        _bufferStart = length;
        _bufferPos = blockSize;
        _end = length;
    }

    /// <summary>The line before the previous one, from its start offset; false at the start of the file.</summary>
    public bool Previous(out long start, out ReadOnlySpan<byte> bytes, out bool terminated)
    {
        start = 0; bytes = default; terminated = false;
        if (_end <= 0) { _end = -1; return false; }
        terminated = _end < _length;
        var lineEnd = _end;
        while (true)
        {
            var data = _buffer.AsSpan(_bufferPos, (int)(lineEnd - _bufferStart));
            var nl = data.LastIndexOf((byte)'\n');
            if (nl >= 0)
            {
                start = _bufferStart + nl + 1;
                bytes = data[(nl + 1)..];
                _end = start - 1;
                return true;
            }
            if (_bufferStart == 0)
            {
                start = 0;
                bytes = data;
                _end = 0;
                return true;
            }
            LoadMore();
        }
    }

    /// <summary>Reads the block before the buffered data, growing the buffer when a line spans blocks.</summary>
    private void LoadMore()
    {
        var take = (int)Math.Min(_blockSize, _bufferStart);
        var kept = _buffer.Length - _bufferPos;
        if (_bufferPos < take)
        {
            var bigger = new byte[kept + take + _blockSize];
            Buffer.BlockCopy(_buffer, _bufferPos, bigger, bigger.Length - kept, kept);
            _buffer = bigger;
            _bufferPos = bigger.Length - kept;
        }
        _bufferPos -= take;
        _bufferStart -= take;
        RandomAccess.Read(_file, _buffer.AsSpan(_bufferPos, take), _bufferStart);
    }
}
