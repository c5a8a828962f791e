# Writes the SIPREC body corpus (run once; the files are what the tests read, kept in git).
import os
SDP2 = """v=0
o=SRC 1 1 IN IP4 127.0.0.1
s=SIPREC
c=IN IP4 127.0.0.1
t=0 0
m=audio 30000 RTP/AVP 0 101
a=rtpmap:0 PCMU/8000
a=rtpmap:101 telephone-event/8000
a=label:1
a=sendonly
m=audio 30002 RTP/AVP 0 101
a=rtpmap:0 PCMU/8000
a=rtpmap:101 telephone-event/8000
a=label:2
a=sendonly
"""
META = """<?xml version="1.0" encoding="UTF-8"?>
<recording xmlns="urn:ietf:params:xml:ns:recording:1">
  <datamode>complete</datamode>
  <session session_id="sess-1"><sipSessionID>abc;remote=def</sipSessionID></session>
  <participant participant_id="p-customer"><nameID aor="sip:+15550199@carrier.example"><name>Customer</name></nameID></participant>
  <participant participant_id="p-agent"><nameID aor="sip:1001@pbx.example"><name>Alice</name></nameID></participant>
  <stream stream_id="s-1" session_id="sess-1"><label>1</label></stream>
  <stream stream_id="s-2" session_id="sess-1"><label>2</label></stream>
  <participantstreamassoc participant_id="p-customer"><send>s-1</send><recv>s-2</recv></participantstreamassoc>
  <participantstreamassoc participant_id="p-agent"><send>s-2</send><recv>s-1</recv></participantstreamassoc>
</recording>
"""
def part(ctype, body, nl):
    return "Content-Type: " + ctype + nl + nl + body.replace("\n", nl)
def multipart(boundary, parts, nl, close=True, preamble=""):
    out = preamble
    for p in parts:
        out += "--" + boundary + nl + p + nl
    if close:
        out += "--" + boundary + "--" + nl
    return out
def write(name, content_type, status, reason, body, require="siprec"):
    head = "Content-Type: %s\nRequire: %s\nExpect-Status: %d\nExpect-Reason: %s\n\n" % (content_type, require, status, reason)
    with open(os.path.join("corpus", name + ".sip"), "wb") as f:
        f.write(head.encode() + body.encode("utf-8"))

CRLF, LF = "\r\n", "\n"
sdp = lambda nl=CRLF, s=SDP2: part("application/sdp", s, nl)
meta = lambda nl=CRLF, m=META: part("application/rs-metadata+xml", m, nl)
MP = 'multipart/mixed;boundary=foobar'

write("cube-crlf", MP, 200, "OK", multipart("foobar", [sdp(), meta()], CRLF))
write("metadata-first-lf-quoted-boundary", 'multipart/mixed; boundary="uniqueBoundary 42"', 200, "OK",
      multipart("uniqueBoundary 42", [meta(LF), sdp(LF)], LF, preamble="This is a multi-part message in MIME format." + LF))
write("no-close-delimiter", MP, 200, "OK", multipart("foobar", [sdp(), meta()], CRLF, close=False))
write("inactive-first-offer", MP, 200, "OK", multipart("foobar", [sdp(CRLF, SDP2.replace("sendonly", "inactive")), meta()], CRLF))
write("unknown-namespaces", MP, 200, "OK", multipart("foobar", [sdp(), meta(CRLF, META.replace(
    '<recording xmlns="urn:ietf:params:xml:ns:recording:1">',
    '<recording xmlns="urn:ietf:params:xml:ns:recording:1" xmlns:ac="http://www.audiocodes.com/siprec" xmlns:x="urn:example:vendor">'
    ).replace('<datamode>complete</datamode>', '<datamode>complete</datamode><ac:CallerOrig>true</ac:CallerOrig><x:extra x:a="1"><x:deep><x:deeper/></x:deep></x:extra>'))], CRLF))
write("labels-do-not-match", MP, 200, "OK", multipart("foobar", [sdp(), meta(CRLF, META.replace("<label>1</label>", "<label>10</label>").replace("<label>2</label>", "<label>11</label>"))], CRLF))
big = "".join('  <participant participant_id="extra-%d"><nameID aor="sip:guest%d@conference.example"><name>Guest number %d of a large conference</name></nameID></participant>\n' % (i, i, i) for i in range(320))
write("metadata-50k", MP, 200, "OK", multipart("foobar", [sdp(), meta(CRLF, META.replace("  <stream ", big + "  <stream ", 1))], CRLF))
write("missing-metadata", MP, 200, "OK", multipart("foobar", [sdp()], CRLF))
write("sdp-only-body", "application/sdp", 200, "OK", SDP2.replace("\n", CRLF))
three = SDP2 + "m=audio 30004 RTP/AVP 0\na=rtpmap:0 PCMU/8000\na=label:3\na=sendonly\n"
write("three-streams", MP, 200, "OK", multipart("foobar", [sdp(CRLF, three), meta()], CRLF))
one = SDP2.split("m=audio 30002")[0]
write("one-stream", MP, 200, "OK", multipart("foobar", [sdp(CRLF, one), meta()], CRLF))
write("bad-xml", MP, 400, "Bad metadata XML", multipart("foobar", [sdp(), meta(CRLF, META.replace("</recording>", "</recordin"))], CRLF))
write("xxe-external-entity", MP, 400, "DTD", multipart("foobar", [sdp(), meta(CRLF, META.replace('<?xml version="1.0" encoding="UTF-8"?>\n',
      '<?xml version="1.0"?>\n<!DOCTYPE recording [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n').replace("Customer", "&xxe;"))], CRLF))
write("billion-laughs", MP, 400, "DTD", multipart("foobar", [sdp(), meta(CRLF, META.replace('<?xml version="1.0" encoding="UTF-8"?>\n',
      '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n').replace("Customer", "&lol3;"))], CRLF))
write("wrong-root", MP, 400, "not <recording>", multipart("foobar", [sdp(), meta(CRLF, "<?xml version='1.0'?><call><participant/></call>")], CRLF))
write("no-sdp-part", MP, 400, "no application/sdp part", multipart("foobar", [meta()], CRLF))
write("no-boundary", "multipart/mixed", 400, "no boundary", multipart("foobar", [sdp(), meta()], CRLF))
write("boundary-not-found", MP, 400, "not found", multipart("otherboundary", [sdp(), meta()], CRLF))
write("two-sdp-parts", MP, 400, "two SDP parts", multipart("foobar", [sdp(), sdp(), meta()], CRLF))
write("no-audio", MP, 488, "no audio stream", multipart("foobar", [sdp(CRLF, "v=0\no=SRC 1 1 IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\nm=video 30000 RTP/AVP 96\na=rtpmap:96 H264/90000\na=label:1\n"), meta()], CRLF))
write("no-common-codec", MP, 488, "no common codec", multipart("foobar", [sdp(CRLF, SDP2.replace("RTP/AVP 0 101", "RTP/AVP 18").replace("a=rtpmap:0 PCMU/8000", "a=rtpmap:18 G729/8000").replace("a=rtpmap:101 telephone-event/8000\n", "")), meta()], CRLF))
write("srtp", MP, 488, "RTP/SAVP not supported", multipart("foobar", [sdp(CRLF, SDP2.replace("RTP/AVP", "RTP/SAVP")), meta()], CRLF))
write("bad-sdp", MP, 400, "Bad SDP", multipart("foobar", [sdp(CRLF, "this is not SDP\n"), meta()], CRLF))
write("text-plain", "text/plain", 415, "Unsupported Media Type", "hello\r\n")
write("require-unknown-extension", MP, 420, "Bad Extension", multipart("foobar", [sdp(), meta()], CRLF), require="siprec, x-unknown-ext")
