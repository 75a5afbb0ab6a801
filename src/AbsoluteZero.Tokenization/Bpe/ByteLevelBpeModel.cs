using System.Collections.Concurrent;
using Microsoft.ML.Tokenizers;

namespace AbsoluteZero.Tokenization.Bpe;

/// <summary>
/// The byte-level BPE model: turns one pre-tokenized piece into ids. Merging is done by Microsoft.ML.Tokenizers'
/// <see cref="BpeTokenizer"/> (ByteLevel = true, no pre-tokenizer or normalizer of its own); results are cached per
/// piece so repeated words, indentation runs and digits cost one dictionary look-up. Thread-safe.
/// </summary>
public sealed class ByteLevelBpeModel
{
    /// <summary>Default number of cached pieces before the cache is cleared and refilled.</summary>
    public const int DefaultCacheCapacity = 200_000;

    private readonly BpeTokenizer _bpe;
    private readonly Dictionary<string, int> _vocab;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _vocabBySpan;
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _cacheBySpan;

    /// <summary>HF <c>ignore_merges</c>: a piece that is a whole vocabulary entry is emitted as is (Llama 3).</summary>
    public bool IgnoreMerges { get; }

    /// <summary>Pieces cached at most (0 disables the cache; used by the benchmark baseline).</summary>
    public int CacheCapacity { get; }

    /// <summary>Builds the model from a validated vocabulary and merge list (pairs in rank order).</summary>
    public ByteLevelBpeModel(Dictionary<string, int> vocab, IReadOnlyList<(string Left, string Right)> merges, bool ignoreMerges, int cacheCapacity = DefaultCacheCapacity)
    {
        _vocab = vocab;
        _vocabBySpan = vocab.GetAlternateLookup<ReadOnlySpan<char>>();
        _cacheBySpan = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
        IgnoreMerges = ignoreMerges;
        CacheCapacity = cacheCapacity;
        _bpe = BpeTokenizer.Create(new BpeOptions(vocab)
        {
            Merges = merges.Select(m => m.Left + " " + m.Right),
            ByteLevel = true,
        });
    }

    /// <summary>Appends the ids of one piece (raw text, not yet byte-mapped) to <paramref name="ids"/>.</summary>
    public void EncodePiece(ReadOnlySpan<char> piece, List<int> ids)
    {
        if (piece.IsEmpty) return;
        if (CacheCapacity > 0 && _cacheBySpan.TryGetValue(piece, out var cached))
        {
            ids.AddRange(cached);
            return;
        }
        int[] result = Merge(piece);
        if (CacheCapacity > 0)
        {
            if (_cache.Count >= CacheCapacity) _cache.Clear();
            _cacheBySpan.TryAdd(piece, result);
        }
        ids.AddRange(result);
    }

    private int[] Merge(ReadOnlySpan<char> piece)
    {
        if (IgnoreMerges)
        {
            var mapped = ByteLevelAlphabet.EncodeText(piece);
            if (_vocabBySpan.TryGetValue(mapped, out int whole)) return [whole];
        }
        var ids = _bpe.EncodeToIds(piece, considerPreTokenization: false, considerNormalization: false);
        return [.. ids];
    }
}
