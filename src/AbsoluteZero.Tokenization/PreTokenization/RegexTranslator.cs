using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace AbsoluteZero.Tokenization.PreTokenization;

/// <summary>
/// Rewrites a tokenizer.json split pattern (Oniguruma/Rust syntax, code-point semantics) into a .NET pattern with the
/// same meaning on UTF-16 strings.
/// </summary>
/// <remarks>
/// .NET's regex engine sees UTF-16 code units: an emoji or 𝑥 is two surrogates of category Cs, so <c>\p{L}</c> misses
/// 𝑥 and <c>[^\r\n\p{L}\p{N}]?</c> can swallow half an emoji. Every character class is therefore rewritten as "a BMP
/// char of the class, or a surrogate pair whose code point is in the class". Possessive quantifiers become atomic
/// groups. Unsupported syntax (nested classes, class intersection, POSIX classes, script properties) fails loudly.
/// </remarks>
internal static class RegexTranslator
{
    private static readonly ConcurrentDictionary<(string, bool), string> Cache = new();

    /// <summary>The .NET equivalent of <paramref name="pattern"/>; <paramref name="astral"/>=false gives a
    /// pattern that is only valid on text without surrogates (faster).</summary>
    public static string Translate(string pattern, bool astral) =>
        Cache.GetOrAdd((pattern, astral), key => new Parser(key.Item1, key.Item2).Run());

    private sealed class Parser(string pattern, bool astral)
    {
        private readonly StringBuilder _out = new();
        private readonly Stack<int> _groupStarts = new();
        private int _pos;
        private int _lastAtomStart = -1;

        public string Run()
        {
            while (_pos < pattern.Length)
            {
                char c = pattern[_pos];
                switch (c)
                {
                    case '\\': Atom(EscapeOutsideClass); break;
                    case '[': Atom(() => _out.Append(ParseClass().ToDotNet(astral))); break;
                    case '.':
                        _pos++;
                        Atom(() =>
                        {
                            var any = new CodePointClass { Negated = true };
                            any.AddRange('\n', '\n');
                            _out.Append(any.ToDotNet(astral));
                        });
                        break;
                    case '(':
                        _groupStarts.Push(_out.Length);
                        _out.Append(c);
                        _pos++;
                        if (_pos < pattern.Length && pattern[_pos] == '?') CopyGroupPrefix();
                        _lastAtomStart = -1;
                        break;
                    case ')':
                        if (_groupStarts.Count == 0) throw Error("unbalanced ')'");
                        _out.Append(c);
                        _pos++;
                        _lastAtomStart = _groupStarts.Pop();
                        break;
                    case '|':
                        _out.Append(c);
                        _pos++;
                        _lastAtomStart = -1;
                        break;
                    case '*' or '+' or '?' or '{':
                        Quantifier();
                        break;
                    case '^' or '$':
                        _out.Append(c);
                        _pos++;
                        _lastAtomStart = -1;
                        break;
                    default:
                        Atom(LiteralChar);
                        break;
                }
            }
            if (_groupStarts.Count > 0) throw Error("unbalanced '('");
            return _out.ToString();
        }

        private void Atom(Action emit)
        {
            int start = _out.Length;
            emit();
            _lastAtomStart = start;
        }

        private void CopyGroupPrefix()
        {
            // (?: (?= (?! (?<= (?<! (?> (?i: (?i) (?<name> — copied verbatim up to the ':' / ')' / '>' that ends it.
            int start = _pos;
            _pos++;
            if (_pos < pattern.Length && pattern[_pos] == 'P') throw Error("Python-style named groups (?P<...>) are not supported");
            while (_pos < pattern.Length && (char.IsAsciiLetter(pattern[_pos]) || pattern[_pos] == '-')) _pos++;
            if (_pos < pattern.Length && pattern[_pos] is ':' or '=' or '!' or '>' or '<')
            {
                if (pattern[_pos] == '<')
                {
                    _pos++;
                    if (_pos < pattern.Length && pattern[_pos] is '=' or '!') _pos++;
                    else
                    {
                        while (_pos < pattern.Length && pattern[_pos] != '>') _pos++;
                        _pos++;
                    }
                }
                else _pos++;
            }
            else if (_pos < pattern.Length && pattern[_pos] == ')')
            {
                // Inline flags such as (?i): not a group; undo the push done for '('.
                _pos++;
                _groupStarts.Pop();
            }
            _out.Append(pattern, start, _pos - start);
        }

        private void Quantifier()
        {
            if (_lastAtomStart < 0) throw Error($"quantifier '{pattern[_pos]}' follows nothing");
            int start = _pos;
            if (pattern[_pos] == '{')
            {
                int close = pattern.IndexOf('}', _pos);
                if (close < 0) throw Error("unterminated {n,m}");
                _pos = close + 1;
            }
            else _pos++;
            string quantifier = pattern[start.._pos];
            if (_pos < pattern.Length && pattern[_pos] == '?')
            {
                quantifier += "?"; // lazy
                _pos++;
            }
            else if (_pos < pattern.Length && pattern[_pos] == '+')
            {
                // Possessive: X*+ == (?>X*)
                _pos++;
                _out.Insert(_lastAtomStart, "(?>");
                _out.Append(quantifier).Append(')');
                _lastAtomStart = -1;
                return;
            }
            _out.Append(quantifier);
            _lastAtomStart = -1;
        }

        private void LiteralChar()
        {
            int cp = char.ConvertToUtf32(pattern, _pos);
            _pos += cp > 0xFFFF ? 2 : 1;
            AppendLiteral(cp);
        }

        private void AppendLiteral(int cp)
        {
            if (cp > 0xFFFF)
            {
                var s = char.ConvertFromUtf32(cp);
                _out.Append($"(?:\\u{(int)s[0]:X4}\\u{(int)s[1]:X4})");
            }
            else if (cp < 0x80 && (char.IsAsciiLetterOrDigit((char)cp) || cp == ' ' || cp == '_' || cp == '\'' || cp == '"' || cp == '<' || cp == '>' || cp == '=' || cp == ',' || cp == ':' || cp == ';' || cp == '/' || cp == '@' || cp == '%' || cp == '&' || cp == '!' || cp == '~' || cp == '`' || cp == '-'))
                _out.Append((char)cp);
            else
                _out.Append($"\\u{cp:X4}");
        }

        private void EscapeOutsideClass()
        {
            _pos++;
            if (_pos >= pattern.Length) throw Error("pattern ends with '\\'");
            char e = pattern[_pos];
            switch (e)
            {
                case 'p' or 'P' or 's' or 'S' or 'd' or 'D' or 'w' or 'W':
                {
                    var cls = new CodePointClass();
                    ParseClassEscape(cls);
                    _out.Append(cls.ToDotNet(astral));
                    return;
                }
                case 'b' or 'B' or 'A' or 'z' or 'Z' or 'G':
                    _out.Append('\\').Append(e);
                    _pos++;
                    return;
                default:
                    if (char.IsAsciiDigit(e) || e == 'k') throw Error("back-references are not supported");
                    AppendLiteral(ParseCharEscape());
                    return;
            }
        }

        private CodePointClass ParseClass()
        {
            _pos++; // '['
            bool negated = _pos < pattern.Length && pattern[_pos] == '^';
            if (negated) _pos++;
            var cls = new CodePointClass { Negated = negated };
            bool first = true;
            while (true)
            {
                if (_pos >= pattern.Length) throw Error("unterminated character class");
                char c = pattern[_pos];
                if (c == ']' && !first) { _pos++; return cls; }
                first = false;
                if (c == '[') throw Error(pattern.AsSpan(_pos).StartsWith("[:") ? "POSIX classes like [:alpha:] are not supported" : "nested character classes are not supported");
                if (c == '&' && _pos + 1 < pattern.Length && pattern[_pos + 1] == '&') throw Error("class intersection '&&' is not supported");
                int lo;
                if (c == '\\')
                {
                    char e = _pos + 1 < pattern.Length ? pattern[_pos + 1] : '\0';
                    if (e is 'p' or 'P' or 's' or 'S' or 'd' or 'D' or 'w' or 'W')
                    {
                        _pos++;
                        ParseClassEscape(cls);
                        continue;
                    }
                    _pos++;
                    lo = ParseCharEscape();
                }
                else
                {
                    lo = char.ConvertToUtf32(pattern, _pos);
                    _pos += lo > 0xFFFF ? 2 : 1;
                }
                int hi = lo;
                if (_pos + 1 < pattern.Length && pattern[_pos] == '-' && pattern[_pos + 1] != ']')
                {
                    _pos++;
                    if (pattern[_pos] == '\\') { _pos++; hi = ParseCharEscape(); }
                    else { hi = char.ConvertToUtf32(pattern, _pos); _pos += hi > 0xFFFF ? 2 : 1; }
                    if (hi < lo) throw Error($"reversed range in character class");
                }
                cls.AddRange(lo, hi);
            }
        }

        // At the letter after '\': \p{Name} \pL \P{..} \s \S \d \D \w \W
        private void ParseClassEscape(CodePointClass cls)
        {
            char e = pattern[_pos++];
            if (e is 'p' or 'P')
            {
                string name;
                if (_pos < pattern.Length && pattern[_pos] == '{')
                {
                    int close = pattern.IndexOf('}', _pos);
                    if (close < 0) throw Error("unterminated \\p{");
                    name = pattern[(_pos + 1)..close];
                    _pos = close + 1;
                }
                else
                {
                    if (_pos >= pattern.Length) throw Error("pattern ends after \\p");
                    name = pattern[_pos++].ToString();
                }
                bool complement = e == 'P';
                if (name.StartsWith('^')) { complement = !complement; name = name[1..]; }
                if (!CodePointClass.IsKnownCategory(name)) throw Error($"unsupported Unicode property \\p{{{name}}} (only general categories such as L, N, Lu, P are supported)");
                cls.AddCategory(name, complement);
            }
            else cls.AddShorthand(e);
        }

        // At the char after '\': returns the code point of a character escape.
        private int ParseCharEscape()
        {
            char e = pattern[_pos++];
            switch (e)
            {
                case 'n': return '\n';
                case 'r': return '\r';
                case 't': return '\t';
                case 'f': return '\f';
                case 'v': return '\v';
                case 'a': return '\a';
                case 'e': return 0x1B;
                case '0': return 0;
                case 'x':
                    if (_pos < pattern.Length && pattern[_pos] == '{')
                    {
                        int close = pattern.IndexOf('}', _pos);
                        if (close < 0) throw Error("unterminated \\x{");
                        var hex = pattern[(_pos + 1)..close];
                        _pos = close + 1;
                        return Hex(hex);
                    }
                    _pos += 2;
                    return Hex(pattern[(_pos - 2).._pos]);
                case 'u':
                    _pos += 4;
                    return Hex(pattern[(_pos - 4).._pos]);
                default:
                    if (char.IsAsciiLetterOrDigit(e)) throw Error($"unsupported escape \\{e}");
                    return e; // escaped punctuation: \. \\ \- \[ ...
            }
        }

        private int Hex(string s) => int.TryParse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v) && v <= 0x10FFFF
            ? v
            : throw Error($"bad hexadecimal escape '{s}'");

        private ArgumentException Error(string message) => new($"{message} at position {_pos} of regex {pattern}");
    }
}
