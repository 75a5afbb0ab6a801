using AbsoluteZero.Tokenization.AddedTokens;
using AbsoluteZero.Tokenization.Bpe;
using AbsoluteZero.Tokenization.Normalization;
using AbsoluteZero.Tokenization.PreTokenization;

namespace AbsoluteZero.Tokenization.Training;

/// <summary>Options of <see cref="BpeTrainer"/>.</summary>
/// <param name="VocabSize">Total number of ids wanted: 256 byte symbols + merges + special tokens. Training stops
/// earlier when no pair occurs at least <paramref name="MinFrequency"/> times.</param>
/// <param name="SpecialTokens">Special added tokens, given the ids after the learned vocabulary, in this order.</param>
/// <param name="MinFrequency">A pair must occur this often to be merged (default 2).</param>
/// <param name="SplitPattern">The pre-tokenizer regex (default: Qwen2's, which splits every digit).</param>
public sealed record BpeTrainerOptions(int VocabSize, IReadOnlyList<string> SpecialTokens, int MinFrequency = 2, string SplitPattern = BpeTrainer.QwenSplitPattern);

/// <summary>A trained byte-level BPE: the vocabulary in id order, the merges in rank order, the special tokens.</summary>
/// <param name="Vocab">Token strings (byte-level spelling); the index is the id.</param>
/// <param name="Merges">Merge pairs, highest priority first.</param>
/// <param name="SpecialTokens">Special tokens with their ids.</param>
/// <param name="Options">The options used.</param>
public sealed record TrainedBpe(IReadOnlyList<string> Vocab, IReadOnlyList<(string Left, string Right)> Merges, IReadOnlyList<AddedToken> SpecialTokens, BpeTrainerOptions Options);

/// <summary>
/// Learns a byte-level BPE the way HF's BpeTrainer does (count pairs inside pre-tokenized words, repeatedly merge
/// the most frequent), with a fixed tie-break (the lexicographically smallest pair) so the result is identical on
/// every run and machine. Text is pre-processed exactly as the resulting tokenizer will encode it: special tokens
/// cut out, NFC, the split regex, UTF-8 bytes.
/// </summary>
public static class BpeTrainer
{
    /// <summary>The Qwen2/2.5/3 pre-tokenizer pattern.</summary>
    public const string QwenSplitPattern = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    /// <summary>Trains on <paramref name="texts"/>.</summary>
    public static TrainedBpe Train(IEnumerable<string> texts, BpeTrainerOptions options)
    {
        int target = options.VocabSize - options.SpecialTokens.Count;
        if (target < 256) throw new ArgumentException($"vocab size {options.VocabSize} leaves no room for the 256 byte symbols and {options.SpecialTokens.Count} special tokens");

        var wordCounts = CountWords(texts, options);
        var vocab = new List<string>(target);
        for (int b = 0; b < 256; b++) vocab.Add(ByteLevelAlphabet.Encode((byte)b).ToString());
        var idOf = vocab.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i, StringComparer.Ordinal);

        var words = wordCounts.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => (Symbols: kv.Key.Select(c => idOf[c.ToString()]).ToList(), Count: kv.Value)).ToList();

        var pairCounts = new Dictionary<(int, int), long>();
        var pairWords = new Dictionary<(int, int), HashSet<int>>();
        for (int w = 0; w < words.Count; w++) AddPairs(words, w, +1, pairCounts, pairWords);

        var heap = new PriorityQueue<(int, int), (long Count, string Left, string Right)>(new PairPriority());
        foreach (var (pair, count) in pairCounts) heap.Enqueue(pair, (count, vocab[pair.Item1], vocab[pair.Item2]));

        var merges = new List<(string, string)>();
        while (vocab.Count < target && heap.TryDequeue(out var pair, out var priority))
        {
            if (!pairCounts.TryGetValue(pair, out var current) || current != priority.Count) continue; // stale entry
            if (current < options.MinFrequency) break;
            int newId = vocab.Count;
            string merged = vocab[pair.Item1] + vocab[pair.Item2];
            vocab.Add(merged);
            merges.Add((vocab[pair.Item1], vocab[pair.Item2]));

            var touched = new HashSet<(int, int)>();
            foreach (var w in pairWords[pair].Order().ToList())
            {
                AddPairs(words, w, -1, pairCounts, pairWords, touched);
                MergeWord(words[w].Symbols, pair, newId);
                AddPairs(words, w, +1, pairCounts, pairWords, touched);
            }
            foreach (var p in touched)
                if (pairCounts.TryGetValue(p, out var c) && c > 0) heap.Enqueue(p, (c, vocab[p.Item1], vocab[p.Item2]));
        }

        var specials = options.SpecialTokens.Select((s, i) => new AddedToken(vocab.Count + i, s, Special: true)).ToList();
        return new TrainedBpe(vocab, merges, specials, options);
    }

    private static Dictionary<string, int> CountWords(IEnumerable<string> texts, BpeTrainerOptions options)
    {
        var splitter = new AddedTokenSplitter(options.SpecialTokens.Select((s, i) => new AddedToken(i, s, true)));
        var regex = new RegexSplitPreTokenizer(options.SplitPattern, SplitBehavior.Isolated, invert: false);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var segments = new List<Segment>();
        var input = new List<Piece>();
        var pieces = new List<Piece>();
        foreach (var text in texts)
        {
            segments.Clear();
            splitter.Split(text, segments);
            foreach (var segment in segments)
            {
                if (segment.Token is not null) continue;
                var normalized = CanonicalNormalizer.Nfc.Normalize(segment.Text);
                input.Clear();
                pieces.Clear();
                input.Add(new Piece(normalized, 0, normalized.Length));
                regex.Split(input, pieces);
                foreach (var piece in pieces)
                {
                    var word = ByteLevelAlphabet.EncodeText(piece.Span);
                    counts[word] = counts.GetValueOrDefault(word) + 1;
                }
            }
        }
        return counts;
    }

    private static void AddPairs(List<(List<int> Symbols, int Count)> words, int w, int sign,
        Dictionary<(int, int), long> pairCounts, Dictionary<(int, int), HashSet<int>> pairWords, HashSet<(int, int)>? touched = null)
    {
        var (symbols, count) = words[w];
        for (int i = 0; i + 1 < symbols.Count; i++)
        {
            var p = (symbols[i], symbols[i + 1]);
            pairCounts[p] = pairCounts.GetValueOrDefault(p) + sign * (long)count;
            touched?.Add(p);
            if (sign > 0)
            {
                if (!pairWords.TryGetValue(p, out var set)) pairWords[p] = set = [];
                set.Add(w);
            }
        }
    }

    private static void MergeWord(List<int> symbols, (int, int) pair, int newId)
    {
        int write = 0;
        for (int read = 0; read < symbols.Count; read++)
        {
            if (read + 1 < symbols.Count && symbols[read] == pair.Item1 && symbols[read + 1] == pair.Item2)
            {
                symbols[write++] = newId;
                read++;
            }
            else symbols[write++] = symbols[read];
        }
        symbols.RemoveRange(write, symbols.Count - write);
    }

    // Highest count first; ties broken by the smaller (left, right) strings, ordinally.
    private sealed class PairPriority : IComparer<(long Count, string Left, string Right)>
    {
        public int Compare((long Count, string Left, string Right) x, (long Count, string Left, string Right) y)
        {
            int c = y.Count.CompareTo(x.Count);
            if (c != 0) return c;
            c = string.CompareOrdinal(x.Left, y.Left);
            return c != 0 ? c : string.CompareOrdinal(x.Right, y.Right);
        }
    }
}
