package io.redline.media;

import static io.redline.media.MediaFormatException.Kind.CORRUPT;
import static io.redline.media.MediaFormatException.Kind.UNSAFE_METADATA;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads the label-relevant properties of an XMP packet and writes the TC260 property into one,
 * with the JDK parser locked down: no DOCTYPE at all (so no entity expansion, internal or
 * external), no external access, secure processing limits, bounded element depth.
 */
final class XmpPacket {

    static final String TC260_NS = "http://www.tc260.org.cn/ns/AIGC/1.0/";
    static final String TC260_PREFIX = "TC260";
    static final String RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    static final String IPTC_EXT_NS = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";
    static final String XMP_NS = "http://ns.adobe.com/xap/1.0/";
    static final String X_NS = "adobe:ns:meta/";
    /** RDF/XMP nests a handful of levels; 64 leaves room for rich packets and stops deep bombs. */
    static final int ELEMENT_DEPTH_MAX = 64;

    /** Label-relevant facts of one packet; fields are null when absent. */
    record Facts(String aigc, String aigcForm, String iptcDigitalSourceType, String creatorTool) {}

    private XmpPacket() {}

    static Document parse(byte[] packet) throws MediaFormatException {
        // Refuse declarations before parsing: XMP never needs them, and the parser's own refusal
        // below remains the backstop for encodings this byte scan cannot see (UTF-16).
        String ascii = new String(packet, StandardCharsets.ISO_8859_1);
        if (ascii.contains("<!DOCTYPE") || ascii.contains("<!ENTITY")) {
            throw new MediaFormatException(
                    UNSAFE_METADATA,
                    "XMP packet refused: it declares a "
                            + "DOCTYPE or entities, which XMP does not use (entity-expansion or external-entity "
                            + "attack?)");
        }
        DocumentBuilder builder = builder();
        try {
            return builder.parse(new InputSource(new ByteArrayInputStream(trimPadding(packet))));
        } catch (SAXParseException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("DOCTYPE")) {
                throw new MediaFormatException(
                        UNSAFE_METADATA,
                        "XMP packet refused: it declares a "
                                + "DOCTYPE or entities, which XMP does not use (entity-expansion or external-entity "
                                + "attack?): " + m,
                        e);
            }
            throw new MediaFormatException(
                    CORRUPT,
                    "XMP packet is not well-formed XML (line " + e.getLineNumber() + ", column " + e.getColumnNumber()
                            + "): " + m,
                    e);
        } catch (SAXException | java.io.IOException e) {
            throw new MediaFormatException(CORRUPT, "XMP packet cannot be parsed: " + e.getMessage(), e);
        }
    }

    /** Drops trailing NULs some writers leave after the packet (fixed-size buffers). */
    private static byte[] trimPadding(byte[] b) {
        int end = b.length;
        while (end > 0 && b[end - 1] == 0) {
            end--;
        }
        return end == b.length ? b : java.util.Arrays.copyOf(b, end);
    }

    /**
     * One configured builder per thread: building a factory costs ~0.5 ms (service lookup and
     * feature setup), parsing a typical packet a few microseconds. JAXP builders are not
     * thread-safe, hence per thread; {@link #builder()} resets it before each use.
     */
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(XmpPacket::newBuilder);

    private static DocumentBuilder builder() {
        DocumentBuilder b = BUILDER.get();
        b.reset();
        configure(b);
        return b;
    }

    private static DocumentBuilder newBuilder() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        try {
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setAttribute("jdk.xml.maxElementDepth", String.valueOf(ELEMENT_DEPTH_MAX));
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            configure(b);
            return b;
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw new IllegalStateException("the JDK XML parser does not support secure settings", e);
        }
    }

    /** Handlers are part of what reset() clears, so they are set again before every parse. */
    private static void configure(DocumentBuilder b) {
        b.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {}

            @Override
            public void error(SAXParseException e) throws SAXException {
                throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                throw e;
            }
        });
        b.setEntityResolver((publicId, systemId) -> {
            throw new SAXException("external entity refused: " + systemId);
        });
    }

    static Facts read(byte[] packet) throws MediaFormatException {
        Document doc = parse(packet);
        String aigc = null;
        String form = null;
        String dst = null;
        String tool = null;
        for (Element e : elements(doc)) {
            if (isTc260(e.getNamespaceURI()) && "AIGC".equals(e.getLocalName()) && aigc == null) {
                aigc = e.getTextContent().trim();
                form = "element";
            } else if (IPTC_EXT_NS.equals(e.getNamespaceURI())
                    && "DigitalSourceType".equals(e.getLocalName())
                    && dst == null) {
                String res = e.getAttributeNS(RDF_NS, "resource");
                dst = !res.isEmpty() ? res : e.getTextContent().trim();
            } else if (XMP_NS.equals(e.getNamespaceURI()) && "CreatorTool".equals(e.getLocalName()) && tool == null) {
                tool = e.getTextContent().trim();
            }
            NamedNodeMap attrs = e.getAttributes();
            for (int i = 0; i < attrs.getLength(); i++) {
                Attr a = (Attr) attrs.item(i);
                if (isTc260(a.getNamespaceURI()) && "AIGC".equals(a.getLocalName()) && aigc == null) {
                    aigc = a.getValue().trim();
                    form = "attribute";
                } else if (IPTC_EXT_NS.equals(a.getNamespaceURI())
                        && "DigitalSourceType".equals(a.getLocalName())
                        && dst == null) {
                    dst = a.getValue().trim();
                } else if (XMP_NS.equals(a.getNamespaceURI())
                        && "CreatorTool".equals(a.getLocalName())
                        && tool == null) {
                    tool = a.getValue().trim();
                }
            }
        }
        return new Facts(aigc, form, dst, tool);
    }

    /**
     * Accepts the namespace with or without its trailing slash: a hand-written packet can drop
     * it, and a reader should not miss a label over one character.
     */
    static boolean isTc260(String ns) {
        return ns != null && (ns.equals(TC260_NS) || ns.equals(TC260_NS.substring(0, TC260_NS.length() - 1)));
    }

    private static List<Element> elements(Document doc) {
        NodeList all = doc.getElementsByTagNameNS("*", "*");
        List<Element> out = new ArrayList<>(all.getLength());
        for (int i = 0; i < all.getLength(); i++) {
            out.add((Element) all.item(i));
        }
        return out;
    }

    /**
     * A packet equal to {@code existing} (when it parses and has an rdf:RDF) with every TC260:AIGC
     * element or attribute removed and one {@code TC260:AIGC} element holding {@code json} added
     * in its own rdf:Description. An existing packet that cannot be parsed safely is replaced by a
     * fresh one: no conforming XMP reader could read it either, so nothing readable is lost.
     */
    static byte[] withAigc(byte[] existing, String json) {
        Document doc = null;
        if (existing != null) {
            try {
                doc = parse(existing);
            } catch (MediaFormatException e) {
                doc = null;
            }
        }
        Element rdf = doc == null ? null : first(doc, RDF_NS, "RDF");
        if (rdf == null) {
            doc = builder().newDocument();
            Element meta = doc.createElementNS(X_NS, "x:xmpmeta");
            meta.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:x", X_NS);
            doc.appendChild(meta);
            rdf = doc.createElementNS(RDF_NS, "rdf:RDF");
            rdf.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:rdf", RDF_NS);
            meta.appendChild(rdf);
        }
        for (Element e : elements(doc)) {
            if (isTc260(e.getNamespaceURI()) && "AIGC".equals(e.getLocalName())) {
                e.getParentNode().removeChild(e);
                continue;
            }
            NamedNodeMap attrs = e.getAttributes();
            for (int i = attrs.getLength() - 1; i >= 0; i--) {
                Attr a = (Attr) attrs.item(i);
                if (isTc260(a.getNamespaceURI()) && "AIGC".equals(a.getLocalName())) {
                    e.removeAttributeNode(a);
                }
            }
        }
        // Drop xpacket wrappers and other top-level PIs; we write our own.
        for (Node n = doc.getFirstChild(); n != null; ) {
            Node next = n.getNextSibling();
            if (n.getNodeType() != Node.ELEMENT_NODE) {
                doc.removeChild(n);
            }
            n = next;
        }
        // Reuse the packet's own prefix for RDF and declare it again locally, so the new
        // description is well-formed whatever prefix the original writer chose.
        String r = rdf.getPrefix() == null || rdf.getPrefix().isEmpty() ? "rdf" : rdf.getPrefix();
        Element desc = doc.createElementNS(RDF_NS, r + ":Description");
        desc.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:" + r, RDF_NS);
        desc.setAttributeNS(RDF_NS, r + ":about", "");
        desc.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:" + TC260_PREFIX, TC260_NS);
        Element aigc = doc.createElementNS(TC260_NS, TC260_PREFIX + ":AIGC");
        aigc.setTextContent(json);
        desc.appendChild(aigc);
        rdf.appendChild(desc);
        return serialise(doc);
    }

    private static Element first(Document doc, String ns, String local) {
        NodeList l = doc.getElementsByTagNameNS(ns, local);
        return l.getLength() == 0 ? null : (Element) l.item(0);
    }

    /** Per thread for the same reason as {@link #BUILDER}; transformers are not thread-safe. */
    private static final ThreadLocal<Transformer> TRANSFORMER = ThreadLocal.withInitial(XmpPacket::newTransformer);

    private static Transformer newTransformer() {
        try {
            TransformerFactory tf = TransformerFactory.newDefaultInstance();
            tf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer t = tf.newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            return t;
        } catch (javax.xml.transform.TransformerConfigurationException e) {
            throw new IllegalStateException("the JDK XML serialiser does not support secure settings", e);
        }
    }

    private static byte[] serialise(Document doc) {
        try {
            Transformer t = TRANSFORMER.get();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(
                    "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n".getBytes(StandardCharsets.UTF_8));
            t.transform(new DOMSource(doc.getDocumentElement()), new StreamResult(out));
            out.writeBytes("\n<?xpacket end=\"w\"?>".getBytes(StandardCharsets.UTF_8));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("serialising an in-memory XMP DOM failed", e);
        }
    }
}
