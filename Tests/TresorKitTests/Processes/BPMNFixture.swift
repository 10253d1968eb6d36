/// BPMN documents built in test code, so each test shows the XML it is about.
enum BPMNFixture {
    /// `body` inside `bpmn:definitions` and one `bpmn:process` with id `Process_1`.
    static func definitions(_ body: String, processName: String = "Billing") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
            xmlns:flowable="http://flowable.org/bpmn" id="Definitions_1">
          <bpmn:process id="Process_1" name="\(processName)" isExecutable="true">
        \(body)
          </bpmn:process>
        </bpmn:definitions>
        """
    }

    /// A Camunda 7 service task `Task_1` with `extensions` in its extension elements.
    static func c7Task(_ extensions: String, kind: String = "serviceTask") -> String {
        """
        <bpmn:\(kind) id="Task_1" name="Upload"><bpmn:extensionElements>
        \(extensions)
        </bpmn:extensionElements></bpmn:\(kind)>
        """
    }

    /// A Zeebe service task `Task_Z`.
    static func zeebeTask(_ extensions: String) -> String {
        """
        <bpmn:serviceTask id="Task_Z" name="Call"><bpmn:extensionElements>
        \(extensions)
        </bpmn:extensionElements></bpmn:serviceTask>
        """
    }

    /// A Flowable service task `Task_F`.
    static func flowableTask(_ extensions: String) -> String {
        """
        <bpmn:serviceTask id="Task_F" flowable:type="http"><bpmn:extensionElements>
        \(extensions)
        </bpmn:extensionElements></bpmn:serviceTask>
        """
    }
}
